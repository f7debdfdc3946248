package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.Availability;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.method.RestoreMonitor;

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
        return restore(image, mask, null, null, RestoreMonitor.NONE);
    }

    @Override
    public FloatImage restore(FloatImage image, Mask mask, Region dirty, FloatImage previous) {
        return restore(image, mask, dirty, previous, RestoreMonitor.NONE);
    }

    /**
     * Incremental restore for live editing: {@code previous} is this method's result for the same image
     * under the mask before the edit, and {@code dirty} bounds every pixel whose mask changed. Only the tiles
     * whose input window meets {@code dirty} are rerun; their neighbours are blended in from the tile outputs
     * kept from {@code previous} (rerun when not kept); all other pixels come from {@code previous}. Null
     * {@code dirty} or {@code previous}, a previous result that does not fit, or an intensity window that moved
     * make it a full restore. Either way the pixels in the monitor's focus are restored first, a tile stride wide
     * cell at a time, and the result equals {@link #restore(FloatImage, Mask)} bit for bit.
     */
    @Override
    public FloatImage restore(FloatImage image, Mask mask, Region dirty, FloatImage previous, RestoreMonitor monitor) {
        mask.requireSize(image.width(), image.height());
        IntensityRange range = IntensityRange.of(image, mask);
        Region whole = new Region(0, 0, image.width(), image.height());
        if (dirty == null || previous == null || previous.width() != image.width() || previous.height() != image.height()
                || previous.channels() != image.channels()
                || (!range.isIdentity() && !range.equals(rangeOfResult.get(previous.plane(0))))) {
            return compute(image, mask, whole, null, range, Map.of(), null, monitor);
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
        return compute(image, mask, area, previous, range, kept, changed, monitor);
    }

    /** Tile placement along an axis of {@code length} pixels, at {@link #STRIDE_SHARE} of the tile. */
    private TileAxis axis(int length) {
        int s = model().info().imageSize(), p = model().info().patchSize();
        return new TileAxis(length, s, p, Math.max(p, (int) (STRIDE_SHARE * s) / p * p));
    }

    /**
     * Recomputes the masked pixels inside {@code area} from every tile whose support meets one of them; masked
     * pixels outside it come from {@code previous}, known pixels from {@code image}. A tile's output is taken from
     * {@code kept} unless it is in {@code changed} ({@code null}: rerun every tile).
     */
    private FloatImage compute(FloatImage image, Mask mask, Region area, FloatImage previous, IntensityRange range,
                               Map<Integer, float[]> kept, Set<Integer> changed, RestoreMonitor monitor) {
        MaeModel m = model();
        int s = m.info().imageSize();
        TileAxis ax = axis(image.width()), ay = axis(image.height());
        Map<Integer, float[]> usable = new HashMap<>(kept);
        if (changed != null) usable.keySet().removeAll(changed);
        TiledRestore restore = new TiledRestore(image, mask, area, previous, range, ax, ay);
        FloatImage result = restore.run(usable, new HashMap<>(usable), (int) (TILE_CACHE_BYTES / (3L * s * s * Float.BYTES)), (tx, ty) -> {
            TileInput input = inputs.get();
            input.fill(image, mask, ax.origins[tx], ay.origins[ty], range);
            float[] output = m.runTile(input.rgb, input.mask);
            tilesRun.incrementAndGet();
            return output;
        }, pool, monitor);
        if (!range.isIdentity()) rangeOfResult.put(result.plane(0), range);
        Map<Integer, float[]> tiles = restore.kept();
        newestTiles = tiles == null ? null : new TileCache(result.plane(0), tiles);
        return result;
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
