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
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restoration by the MAE: the image is cut into overlapping model tiles (see {@link TileAxis} for placement
 * and seam-free blending), each tile's masked pixels are reconstructed (fed as a patch or pixel mask, as
 * the model takes it), and only masked pixels are taken from the model; known pixels are copied bit for
 * bit. Owns and closes its model.
 */
public final class MaeMethod implements RestorationMethod, AutoCloseable {

    private final MaeModel model;
    private final Availability availability;
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

    public MaeMethod(MaeModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.availability = Availability.AVAILABLE;
    }

    private MaeMethod(String reason) {
        this.model = null;
        this.availability = Availability.unavailable(reason);
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
        int p = model().info().patchSize(), s = model().info().imageSize();
        // A tile's input changes exactly when its window holds a dirty pixel: through that pixel's own flag
        // for a pixel mask (even inside a patch that stays hidden), through its patch's flag for a patch mask
        // (windows start on the patch grid, so they hold whole patches). Near the borders the mirrored
        // padding reflects pixels the overhanging window already holds.
        Region grown = dirty.grow(0, image.width(), image.height());
        TileAxis ax = new TileAxis(image.width(), s, p), ay = new TileAxis(image.height(), s, p);
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

    /**
     * Recomputes the masked pixels inside {@code area} from every tile whose support meets a masked pixel
     * there; masked pixels outside it come from {@code previous}, known pixels from {@code image}. A tile's
     * output is taken from {@code kept} unless it is in {@code changed} ({@code null}: rerun every tile).
     */
    private FloatImage compute(FloatImage image, Mask mask, Region area, FloatImage previous, IntensityRange range,
                               Map<Integer, float[]> kept, Set<Integer> changed) {
        MaeModel m = model();
        int s = m.info().imageSize(), p = m.info().patchSize();
        int w = image.width(), h = image.height(), channels = image.channels();
        TileAxis ax = new TileAxis(w, s, p), ay = new TileAxis(h, s, p);
        boolean[] missing = mask.missing();
        int[] integral = integral(mask);
        float[][] sum = new float[channels][area.isEmpty() ? 0 : area.width() * area.height()];
        float[] weightSum = new float[sum[0].length];
        TileInput input = new TileInput(s, p, m.info().maskInput());
        Map<Integer, float[]> tiles = new HashMap<>(kept);
        if (changed != null) tiles.keySet().removeAll(changed);

        for (int ty = 0; ty < ay.count(); ty++) {
            int y0 = Math.max(area.y(), ay.supportStart[ty]), y1 = Math.min(area.bottom(), ay.supportEnd[ty]);
            if (y1 <= y0) continue;
            for (int tx = 0; tx < ax.count(); tx++) {
                int x0 = Math.max(area.x(), ax.supportStart[tx]), x1 = Math.min(area.right(), ax.supportEnd[tx]);
                if (x1 <= x0 || masked(integral, w, x0, y0, x1, y1) == 0) continue;
                if (Thread.interrupted()) throw new CancellationException("MAE restore cancelled");
                int ox = ax.origins[tx], oy = ay.origins[ty];
                float[] out = tiles.get(ty * ax.count() + tx);
                if (out == null) {
                    input.fill(image, mask, ox, oy, range);
                    out = m.runTile(input.rgb, input.mask);
                    tilesRun.incrementAndGet();
                    tiles.put(ty * ax.count() + tx, out);
                }
                float[] wx = ax.weights[tx], wy = ay.weights[ty];
                int plane = s * s;
                for (int y = y0; y < y1; y++) {
                    int ry = (y - area.y()) * area.width() - area.x(), tyy = (y - oy) * s - ox;
                    for (int x = x0; x < x1; x++) {
                        if (!missing[y * w + x]) continue;
                        float weight = wx[x - ox] * wy[y - oy];
                        int t = tyy + x, a = ry + x;
                        weightSum[a] += weight;
                        if (channels == 3) {
                            sum[0][a] += weight * out[t];
                            sum[1][a] += weight * out[plane + t];
                            sum[2][a] += weight * out[2 * plane + t];
                        } else {
                            sum[0][a] += weight * ((out[t] + out[plane + t] + out[2 * plane + t]) / 3f);
                        }
                    }
                }
            }
        }
        FloatImage result = composite(image, missing, area, sum, weightSum, previous, range);
        long bytes = (long) tiles.size() * 3 * s * s * Float.BYTES;
        newestTiles = bytes <= TILE_CACHE_BYTES ? new TileCache(result.plane(0), tiles) : null;
        return result;
    }

    private FloatImage composite(FloatImage image, boolean[] missing, Region area, float[][] sum, float[] weightSum,
                                 FloatImage previous, IntensityRange range) {
        int w = image.width();
        float[][] planes = new float[image.channels()][];
        for (int c = 0; c < planes.length; c++) {
            float[] src = image.plane(c), dst = src.clone();
            float[] prev = previous == null ? null : previous.plane(c);
            for (int i = 0; i < dst.length; i++) {
                if (!missing[i]) continue; // known pixels stay exactly the input
                int x = i % w, y = i / w;
                if (x >= area.x() && x < area.right() && y >= area.y() && y < area.bottom()) {
                    int a = (y - area.y()) * area.width() + (x - area.x());
                    if (weightSum[a] > 0) dst[i] = Math.max(0, Math.min(1, range.toImage(sum[c][a] / weightSum[a])));
                } else if (prev != null) {
                    dst[i] = prev[i];
                }
            }
            planes[c] = dst;
        }
        if (!range.isIdentity()) rangeOfResult.put(planes[0], range);
        return image.withPlanes(planes);
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
    }
}
