package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.Availability;
import com.maeworkbench.method.RestorationMethod;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restoration by the MAE: the image is cut into overlapping model tiles (see {@link TileAxis} for placement
 * and seam-free blending), each tile's masked pixels are reconstructed (fed as a patch or pixel mask, as
 * the model takes it), and only masked pixels are taken from the model; known pixels are copied bit for
 * bit. Tiles run side by side on a {@link TilePool}; their outputs are blended in a fixed order, so results do
 * not depend on the threads. Owns and closes its model.
 */
public final class MaeMethod implements RestorationMethod, AutoCloseable {

    /**
     * Tile stride as a share of the tile side, rounded down to whole patches: 40 px for 64 px tiles. Chosen on
     * the 27 validation pictures (inference/BENCHMARKS.md): against stride 32 it runs 1.3x fewer tiles at
     * 512x512 (1.6x on big images) for the same masked PSNR (-0.07 to +0.65 dB over eight masks); stride 48
     * lost 0.06 to 0.45 dB, 64 (no overlap) 0.7 to 1.6 dB.
     */
    static final double STRIDE_SHARE = 0.625;

    private final MaeModel model;
    private final Availability availability;
    private final TilePool pool;
    private final ThreadLocal<TileInput> inputs;
    /** Intensity window used for each result (keyed by its first plane) so incremental runs can tell when it moved. */
    private final Map<float[], IntensityRange> rangeOfResult = Collections.synchronizedMap(new WeakHashMap<>());
    /**
     * Model outputs per tile behind the newest result, so an edit reruns only the tiles whose input changed
     * and blends them with their neighbours' kept outputs. One result only, and only up to
     * {@link #TILE_CACHE_BYTES}: live editing works on the newest result, and big images must not pin memory.
     */
    private volatile TileCache newestTiles;
    private static final long TILE_CACHE_BYTES = 64L << 20;

    private record TileCache(float[] resultPlane, Map<Integer, float[]> tiles) {
    }
    private final AtomicLong tilesRun = new AtomicLong();

    /** The MAE on {@code model}, running as many tiles at once as there are processors per intra-op thread. */
    public MaeMethod(MaeModel model) {
        this(model, Math.max(1, Runtime.getRuntime().availableProcessors() / model.intraOpThreads()));
    }

    /** The MAE on {@code model}, running up to {@code parallelism} tiles at once (1: on the calling thread only). */
    public MaeMethod(MaeModel model, int parallelism) {
        this.model = Objects.requireNonNull(model, "model");
        this.availability = Availability.AVAILABLE;
        this.pool = new TilePool(parallelism);
        ModelInfo info = model.info();
        this.inputs = ThreadLocal.withInitial(() -> new TileInput(info.imageSize(), info.patchSize(), info.maskInput()));
    }

    private MaeMethod(String reason) {
        this.model = null;
        this.availability = Availability.unavailable(reason);
        this.pool = null;
        this.inputs = null;
    }

    /** A placeholder that reports why the model could not be loaded; restoring throws. */
    public static MaeMethod unavailable(String reason) {
        return new MaeMethod(reason);
    }

    /** Loads the model, or returns an unavailable method carrying the one-line reason. */
    public static MaeMethod load(Path onnxFile, Device device) {
        try {
            return new MaeMethod(MaeModel.open(onnxFile, device));
        } catch (MaeModelException e) {
            return unavailable(e.getMessage());
        }
    }

    @Override
    public String id() {
        return "mae";
    }

    @Override
    public String displayName() {
        return "MAE";
    }

    @Override
    public Availability availability() {
        return availability;
    }

    /** The loaded model's info; throws {@link IllegalStateException} when unavailable. */
    public ModelInfo info() {
        return model().info();
    }

    public ExecutionChoice execution() {
        return model().execution();
    }

    /** Tiles sent to the model since this method was created (for diagnostics and tests). */
    long tilesRun() {
        return tilesRun.get();
    }

    @Override
    public FloatImage restore(FloatImage image, Mask mask) {
        mask.requireSize(image.width(), image.height());
        return compute(image, mask, new Region(0, 0, image.width(), image.height()), null, IntensityRange.of(image, mask), Map.of(), null);
    }

    /**
     * Incremental restore for live editing: {@code previous} is this method's result for the same image
     * under the mask before the edit, and {@code dirty} bounds every pixel whose mask changed. Only the tiles
     * whose input window meets {@code dirty} are rerun; their neighbours are blended in from the tile outputs
     * kept from {@code previous} (rerun when not kept); all other pixels come from {@code previous}. The result equals {@link #restore(FloatImage, Mask)}.
     * Falls back to a full restore when {@code previous} does not fit or the intensity window moved.
     */
    public FloatImage restore(FloatImage image, Mask mask, Region dirty, FloatImage previous) {
        mask.requireSize(image.width(), image.height());
        IntensityRange range = IntensityRange.of(image, mask);
        Region whole = new Region(0, 0, image.width(), image.height());
        if (dirty == null || previous == null || previous.width() != image.width() || previous.height() != image.height()
                || previous.channels() != image.channels()
                || (!range.isIdentity() && !range.equals(rangeOfResult.get(previous.plane(0))))) {
            return compute(image, mask, whole, null, range, Map.of(), null);
        }
        // A tile's input changes exactly when its window holds a dirty pixel: through that pixel's own flag
        // for a pixel mask (even inside a patch that stays hidden), through its patch's flag for a patch mask
        // (windows start on the patch grid, so they hold whole patches). Near the borders the mirrored
        // padding reflects pixels the overhanging window already holds.
        Region grown = dirty.grow(0, image.width(), image.height());
        TileAxis ax = axis(image.width()), ay = axis(image.height());
        Region area = Region.EMPTY;
        Set<Integer> changed = new HashSet<>();
        if (!grown.isEmpty()) {
            for (int ty = 0; ty < ay.count(); ty++) {
                if (!ay.windowIntersects(ty, grown.y(), grown.bottom())) continue;
                for (int tx = 0; tx < ax.count(); tx++) {
                    if (!ax.windowIntersects(tx, grown.x(), grown.right())) continue;
                    changed.add(ty * ax.count() + tx);
                    area = area.union(new Region(ax.supportStart[tx], ay.supportStart[ty],
                            ax.supportEnd[tx] - ax.supportStart[tx], ay.supportEnd[ty] - ay.supportStart[ty]));
                }
            }
        }
        TileCache cache = newestTiles;
        Map<Integer, float[]> kept = cache != null && cache.resultPlane() == previous.plane(0) ? cache.tiles() : Map.of();
        return compute(image, mask, area, previous, range, kept, changed);
    }

    /** Tile placement along an axis of {@code length} pixels, at {@link #STRIDE_SHARE} of the tile. */
    private TileAxis axis(int length) {
        int s = model().info().imageSize(), p = model().info().patchSize();
        return new TileAxis(length, s, p, Math.max(p, (int) (STRIDE_SHARE * s) / p * p));
    }

    /**
     * Recomputes the masked pixels inside {@code area} from every tile whose support meets a masked pixel
     * there; masked pixels outside it come from {@code previous}, known pixels from {@code image}. A tile's
     * output is taken from {@code kept} unless it is in {@code changed} ({@code null}: rerun every tile).
     * Tiles are run a row at a time, the row's missing outputs side by side, and blended in raster order.
     */
    private FloatImage compute(FloatImage image, Mask mask, Region area, FloatImage previous, IntensityRange range,
                               Map<Integer, float[]> kept, Set<Integer> changed) {
        MaeModel m = model();
        int s = m.info().imageSize(), w = image.width(), channels = image.channels();
        TileAxis ax = axis(w), ay = axis(image.height());
        boolean[] missing = mask.missing();
        int[] integral = integral(mask);
        // The result is built in place: known pixels are the image's; masked pixels in the area collect the
        // weighted sum of the tiles over them, masked pixels outside it keep the previous result.
        float[][] out = new float[channels][];
        for (int c = 0; c < channels; c++) {
            float[] plane = image.plane(c).clone(), prev = previous == null ? null : previous.plane(c);
            for (int i = 0; i < plane.length; i++) {
                if (missing[i]) plane[i] = inside(area, i % w, i / w) ? 0 : prev[i];
            }
            out[c] = plane;
        }
        float[] weightSum = new float[area.isEmpty() ? 0 : area.width() * area.height()];
        Map<Integer, float[]> tiles = new HashMap<>(kept);
        if (changed != null) tiles.keySet().removeAll(changed);
        long keptBytes = (long) tiles.size() * 3 * s * s * Float.BYTES;
        int[] row = new int[ax.count()];
        float[][] outputs = new float[ax.count()][];
        for (int ty = 0; ty < ay.count(); ty++) {
            int y0 = Math.max(area.y(), ay.supportStart[ty]), y1 = Math.min(area.bottom(), ay.supportEnd[ty]);
            if (y1 <= y0) continue;
            int n = 0, toRun = 0;
            for (int tx = 0; tx < ax.count(); tx++) {
                int x0 = Math.max(area.x(), ax.supportStart[tx]), x1 = Math.min(area.right(), ax.supportEnd[tx]);
                if (x1 <= x0 || masked(integral, w, x0, y0, x1, y1) == 0) continue;
                outputs[n] = tiles == null ? null : tiles.get(ty * ax.count() + tx);
                if (outputs[n] == null) toRun++;
                row[n++] = tx;
            }
            if (toRun > 0) {
                final int tileRow = ty, count = n;
                int[] runs = new int[toRun];
                for (int k = 0, r = 0; k < count; k++) if (outputs[k] == null) runs[r++] = k;
                pool.forEach(toRun, j -> {
                    int k = runs[j];
                    TileInput input = inputs.get();
                    input.fill(image, mask, ax.origins[row[k]], ay.origins[tileRow], range);
                    outputs[k] = m.runTile(input.rgb, input.mask);
                    tilesRun.incrementAndGet();
                });
                if (tiles != null) {
                    for (int k = 0; k < count; k++) tiles.put(ty * ax.count() + row[k], outputs[k]);
                    keptBytes = (long) tiles.size() * 3 * s * s * Float.BYTES;
                    if (keptBytes > TILE_CACHE_BYTES) tiles = null; // too big to keep: stop keeping outputs
                }
            }
            for (int k = 0; k < n; k++) {
                int tx = row[k], x0 = Math.max(area.x(), ax.supportStart[tx]), x1 = Math.min(area.right(), ax.supportEnd[tx]);
                blend(outputs[k], ax, ay, tx, ty, x0, x1, y0, y1, area, missing, w, out, weightSum);
            }
        }
        for (int y = area.y(); y < area.bottom(); y++) {
            for (int x = area.x(), a = (y - area.y()) * area.width(); x < area.right(); x++, a++) {
                int i = y * w + x;
                if (!missing[i]) continue;
                for (float[] plane : out) plane[i] = Math.max(0, Math.min(1, range.toImage(plane[i] / weightSum[a])));
            }
        }
        if (!range.isIdentity()) rangeOfResult.put(out[0], range);
        FloatImage result = image.withPlanes(out);
        newestTiles = tiles == null ? null : new TileCache(result.plane(0), tiles);
        return result;
    }

    private static boolean inside(Region r, int x, int y) {
        return x >= r.x() && x < r.right() && y >= r.y() && y < r.bottom();
    }

    /** Adds tile (tx, ty)'s output, weighted, to the masked pixels of {@code [x0,x1) x [y0,y1)}. */
    private static void blend(float[] tile, TileAxis ax, TileAxis ay, int tx, int ty, int x0, int x1, int y0, int y1,
                              Region area, boolean[] missing, int w, float[][] out, float[] weightSum) {
        int s = ax.tile, plane = s * s, ox = ax.origins[tx], oy = ay.origins[ty];
        float[] wx = ax.weights[tx], wy = ay.weights[ty];
        for (int y = y0; y < y1; y++) {
            int ry = (y - area.y()) * area.width() - area.x(), tyy = (y - oy) * s - ox;
            for (int x = x0; x < x1; x++) {
                int i = y * w + x;
                if (!missing[i]) continue;
                float weight = wx[x - ox] * wy[y - oy];
                int t = tyy + x;
                weightSum[ry + x] += weight;
                if (out.length == 3) {
                    out[0][i] += weight * tile[t];
                    out[1][i] += weight * tile[plane + t];
                    out[2][i] += weight * tile[2 * plane + t];
                } else {
                    out[0][i] += weight * ((tile[t] + tile[plane + t] + tile[2 * plane + t]) / 3f);
                }
            }
        }
    }

    /** Summed-area table of masked pixels, {@code (w+1) x (h+1)}, for O(1) "anything masked here?" queries. */
    private static int[] integral(Mask mask) {
        int w = mask.width(), h = mask.height();
        int[] t = new int[(w + 1) * (h + 1)];
        boolean[] m = mask.missing();
        for (int y = 0; y < h; y++) {
            int row = 0;
            for (int x = 0; x < w; x++) {
                if (m[y * w + x]) row++;
                t[(y + 1) * (w + 1) + x + 1] = t[y * (w + 1) + x + 1] + row;
            }
        }
        return t;
    }

    private static int masked(int[] t, int w, int x0, int y0, int x1, int y1) {
        int stride = w + 1;
        return t[y1 * stride + x1] - t[y0 * stride + x1] - t[y1 * stride + x0] + t[y0 * stride + x0];
    }

    private MaeModel model() {
        if (model == null) throw new IllegalStateException("MAE unavailable: " + availability.reason());
        return model;
    }

    @Override
    public void close() {
        if (model != null) model.close();
        if (pool != null) pool.close();
    }
}
