package com.maeworkbench.mae;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestoreMonitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One MAE restore of the masked pixels inside a region. The region is cut into cells one tile stride wide; a cell's
 * masked pixels are blended from the tiles over them, always in raster order of the tiles, and written final at
 * once, so the result does not depend on the order cells are done in. Cells in the monitor's focus go first, then
 * the rest in raster order; the tiles a batch of cells still lacks run side by side on the pool. A tile's output is
 * held until the last cell that needs it is done, and kept for the next edit while the kept outputs fit a budget.
 * Masked pixels outside the region come from the previous result, known pixels from the image.
 */
final class TiledRestore {

    /** Runs the model on tile (tx, ty) of the image; called on several threads at once. */
    interface TileRunner {
        float[] run(int tx, int ty);
    }

    /** New tiles per batch and thread: enough to keep the pool busy, few enough to report progress often. */
    private static final int TILES_PER_THREAD = 4;

    private final FloatImage image;
    private final boolean[] missing;
    private final int w;
    private final Region area;
    private final IntensityRange range;
    private final TileAxis ax, ay;
    private final int[] integral;
    private final float[][] out;
    // Cells: side, first column and row (in cells from the image's origin), counts.
    private final int side, cx0, cy0, cols, rows;
    /** Per cell: keys (ty * columns + tx) of the tiles whose support holds one of its masked pixels, raster order; null when it has none. */
    private final int[][] cellTiles;
    /** Per tile: cells still to do that need it. */
    private final int[] refs;
    private final boolean[] done;
    private final float[][] acc;
    private final float[] weightSum;
    private int cursor;
    private Map<Integer, float[]> kept;

    TiledRestore(FloatImage image, Mask mask, Region area, FloatImage previous, IntensityRange range, TileAxis ax, TileAxis ay) {
        this.image = image;
        this.missing = mask.missing();
        this.w = image.width();
        this.area = area;
        this.range = range;
        this.ax = ax;
        this.ay = ay;
        this.integral = integral(mask, area);
        // Masked pixels start as the previous result (or 0) and are overwritten with final values cell by cell.
        out = new float[image.channels()][];
        for (int c = 0; c < out.length; c++) {
            float[] plane = image.plane(c).clone(), prev = previous == null ? null : previous.plane(c);
            for (int i = 0; i < plane.length; i++) if (missing[i]) plane[i] = prev == null ? 0 : prev[i];
            out[c] = plane;
        }
        side = ax.stride;
        cx0 = area.x() / side;
        cy0 = area.y() / side;
        cols = area.isEmpty() ? 0 : (area.right() + side - 1) / side - cx0;
        rows = area.isEmpty() ? 0 : (area.bottom() + side - 1) / side - cy0;
        cellTiles = new int[cols * rows][];
        refs = new int[ax.count() * ay.count()];
        done = new boolean[cols * rows];
        int[][] tileCols = new int[cols][], tileRows = new int[rows][];
        for (int i = 0; i < cols; i++) tileCols[i] = overlapping(ax, cell(i).x(), cell(i).right());
        for (int j = 0; j < rows; j++) tileRows[j] = overlapping(ay, cell(j * cols).y(), cell(j * cols).bottom());
        for (int k = 0; k < cellTiles.length; k++) {
            Region c = cell(k);
            if (masked(c) == 0) continue;
            int[] keys = new int[16];
            int n = 0;
            for (int ty = tileRows[k / cols][0]; ty < tileRows[k / cols][1]; ty++) {
                int y0 = Math.max(c.y(), ay.supportStart[ty]), y1 = Math.min(c.bottom(), ay.supportEnd[ty]);
                for (int tx = tileCols[k % cols][0]; tx < tileCols[k % cols][1]; tx++) {
                    int x0 = Math.max(c.x(), ax.supportStart[tx]), x1 = Math.min(c.right(), ax.supportEnd[tx]);
                    if (masked(new Region(x0, y0, x1 - x0, y1 - y0)) == 0) continue;
                    if (n == keys.length) keys = Arrays.copyOf(keys, 2 * n);
                    keys[n++] = ty * ax.count() + tx;
                    refs[ty * ax.count() + tx]++;
                }
            }
            cellTiles[k] = Arrays.copyOf(keys, n);
        }
        acc = new float[out.length][side * side];
        weightSum = new float[side * side];
    }

    /**
     * Restores every cell. {@code usable}: tile outputs that may be taken as they are; {@code kept}: where to keep
     * every output for the next edit (it starts with the usable ones), or null; once it holds more than
     * {@code keepLimit} outputs it is dropped and {@link #kept()} returns null.
     */
    FloatImage run(Map<Integer, float[]> usable, Map<Integer, float[]> kept, int keepLimit, TileRunner runner, TilePool pool,
                   RestoreMonitor monitor) {
        Map<Integer, float[]> held = new HashMap<>();
        int total = 0;
        for (int key = 0; key < refs.length; key++) if (refs[key] > 0 && !usable.containsKey(key)) total++;
        int ran = 0, target = TILES_PER_THREAD * pool.parallelism();
        FloatImage partial = image.withPlanes(out);
        this.kept = kept;
        while (true) {
            List<Integer> batch = new ArrayList<>();
            Set<Integer> lacking = new LinkedHashSet<>();
            pick(monitor.focus(), usable, held, target, batch, lacking);
            if (batch.isEmpty()) break;
            int[] keys = lacking.stream().mapToInt(Integer::intValue).toArray();
            float[][] outputs = new float[keys.length][];
            pool.forEach(keys.length, j -> outputs[j] = runner.run(keys[j] % ax.count(), keys[j] / ax.count()));
            for (int j = 0; j < keys.length; j++) {
                held.put(keys[j], outputs[j]);
                if (this.kept != null) this.kept.put(keys[j], outputs[j]);
            }
            if (this.kept != null && this.kept.size() > keepLimit) this.kept = null; // too big to keep: stop keeping outputs
            for (int k : batch) {
                blendCell(k, usable, held);
                for (int key : cellTiles[k]) if (--refs[key] == 0) held.remove(key);
            }
            ran += keys.length;
            monitor.progress(total == 0 ? 1 : ran / (double) total, partial);
        }
        return partial;
    }

    /** The outputs kept for the next edit by {@link #run}, or null when they grew too big. */
    Map<Integer, float[]> kept() {
        return kept;
    }

    /**
     * The next cells to do: those still to do in the focus (unless it covers the whole region), else the next in
     * raster order, until their lacking tiles reach {@code target}.
     */
    private void pick(Region focus, Map<Integer, float[]> usable, Map<Integer, float[]> held, int target,
                      List<Integer> batch, Set<Integer> lacking) {
        Region f = focus == null ? Region.EMPTY : focus.intersection(area);
        if (!f.isEmpty() && !f.equals(area)) {
            int i0 = f.x() / side - cx0, i1 = (f.right() - 1) / side - cx0, j0 = f.y() / side - cy0, j1 = (f.bottom() - 1) / side - cy0;
            for (int j = j0; j <= j1 && lacking.size() < target; j++) {
                for (int i = i0; i <= i1 && lacking.size() < target; i++) add(j * cols + i, usable, held, batch, lacking);
            }
            if (!batch.isEmpty()) return;
        }
        for (; cursor < done.length && lacking.size() < target; cursor++) add(cursor, usable, held, batch, lacking);
    }

    private void add(int k, Map<Integer, float[]> usable, Map<Integer, float[]> held, List<Integer> batch, Set<Integer> lacking) {
        if (done[k] || cellTiles[k] == null) return;
        done[k] = true; // chosen now, done before the next pick
        batch.add(k);
        for (int key : cellTiles[k]) if (!held.containsKey(key) && !usable.containsKey(key)) lacking.add(key);
    }

    /** The tiles {@code [from, to)} whose support meets {@code [start, end)}: supports are ordered along the axis. */
    private static int[] overlapping(TileAxis axis, int start, int end) {
        int from = 0;
        while (from < axis.count() && axis.supportEnd[from] <= start) from++;
        int to = from;
        while (to < axis.count() && axis.supportStart[to] < end) to++;
        return new int[]{from, to};
    }

    /** Cell {@code k} of the region, clipped to it. */
    private Region cell(int k) {
        int x0 = (cx0 + k % cols) * side, y0 = (cy0 + k / cols) * side;
        return new Region(x0, y0, side, side).intersection(area);
    }

    /** Blends the tiles over cell {@code k} into its masked pixels, in raster order of the tiles, and writes them. */
    private void blendCell(int k, Map<Integer, float[]> usable, Map<Integer, float[]> held) {
        Region c = cell(k);
        int n = c.width() * c.height();
        for (float[] a : acc) Arrays.fill(a, 0, n, 0);
        Arrays.fill(weightSum, 0, n, 0);
        for (int key : cellTiles[k]) {
            float[] tile = held.get(key);
            if (tile == null) tile = usable.get(key);
            blend(tile, key % ax.count(), key / ax.count(), c);
        }
        for (int y = c.y(), a = 0; y < c.bottom(); y++) {
            for (int x = c.x(); x < c.right(); x++, a++) {
                int i = y * w + x;
                if (!missing[i]) continue;
                for (int ch = 0; ch < out.length; ch++) {
                    out[ch][i] = Math.max(0, Math.min(1, range.toImage(acc[ch][a] / weightSum[a])));
                }
            }
        }
    }

    /** Adds tile (tx, ty)'s output, weighted, to the sums of the masked pixels of cell {@code c}. */
    private void blend(float[] tile, int tx, int ty, Region c) {
        int s = ax.tile, plane = s * s, ox = ax.origins[tx], oy = ay.origins[ty];
        float[] wx = ax.weights[tx], wy = ay.weights[ty];
        int x0 = Math.max(c.x(), ax.supportStart[tx]), x1 = Math.min(c.right(), ax.supportEnd[tx]);
        int y0 = Math.max(c.y(), ay.supportStart[ty]), y1 = Math.min(c.bottom(), ay.supportEnd[ty]);
        for (int y = y0; y < y1; y++) {
            int row = (y - c.y()) * c.width() - c.x(), tyy = (y - oy) * s - ox;
            for (int x = x0; x < x1; x++) {
                if (!missing[y * w + x]) continue;
                float weight = wx[x - ox] * wy[y - oy];
                int t = tyy + x, a = row + x;
                weightSum[a] += weight;
                if (out.length == 3) {
                    acc[0][a] += weight * tile[t];
                    acc[1][a] += weight * tile[plane + t];
                    acc[2][a] += weight * tile[2 * plane + t];
                } else {
                    acc[0][a] += weight * ((tile[t] + tile[plane + t] + tile[2 * plane + t]) / 3f);
                }
            }
        }
    }

    /** Masked pixels in {@code r}, a part of the region. */
    private int masked(Region r) {
        int stride = area.width() + 1, x0 = r.x() - area.x(), y0 = r.y() - area.y(), x1 = x0 + r.width(), y1 = y0 + r.height();
        return integral[y1 * stride + x1] - integral[y0 * stride + x1] - integral[y1 * stride + x0] + integral[y0 * stride + x0];
    }

    /** Summed-area table of the masked pixels in {@code area}, for O(1) "anything masked here?" queries. */
    private static int[] integral(Mask mask, Region area) {
        int w = mask.width(), aw = area.width(), ah = area.height(), stride = aw + 1;
        int[] t = new int[(aw + 1) * (ah + 1)];
        boolean[] m = mask.missing();
        for (int y = 0; y < ah; y++) {
            int row = 0, base = (area.y() + y) * w + area.x();
            for (int x = 0; x < aw; x++) {
                if (m[base + x]) row++;
                t[(y + 1) * stride + x + 1] = t[y * stride + x + 1] + row;
            }
        }
        return t;
    }
}
