package com.maeworkbench.mae;

/**
 * Tile placement along one image axis. Tiles of side {@code S} start on multiples of the patch size
 * {@code p} (so mask patches map exactly onto model patches) with a stride {@code s}, a multiple of {@code p}
 * up to {@code S}; the last tile is pulled back to end within {@code p-1} pixels of the image edge.
 *
 * <p>Each tile carries a blending weight per position: 0 in an outer band of {@code (S-s)/4} pixels, a
 * raised-cosine ramp over the next {@code (S-s)/2}, 1 in the middle. With stride {@code s} the ramps of
 * neighbours sum to 1, so every output pixel is a smooth mix of the tiles in which it lies at least
 * {@code (S-s)/4} pixels from an edge (most weight where it is most central) and no seam appears. Sides
 * facing the image border stay at 1: nothing else covers those pixels.
 */
final class TileAxis {

    final int tile;
    final int stride;
    final int[] origins;
    /** Per tile: blending weight for each tile position. */
    final float[][] weights;
    /** Per tile: image interval [supportStart, supportEnd) where its weight is positive. */
    final int[] supportStart;
    final int[] supportEnd;

    TileAxis(int length, int tile, int patch, int stride) {
        if (stride < patch || stride > tile || stride % patch != 0) {
            throw new IllegalArgumentException("stride " + stride + " must be a multiple of the patch " + patch + " up to the tile " + tile);
        }
        this.tile = tile;
        this.stride = stride;
        if (length <= tile) {
            origins = new int[]{0};
        } else {
            int count = (length - tile + stride - 1) / stride + 1;
            origins = new int[count];
            for (int k = 0; k < count - 1; k++) origins[k] = k * stride;
            origins[count - 1] = (length - tile + patch - 1) / patch * patch;
        }
        int n = origins.length;
        weights = new float[n][];
        supportStart = new int[n];
        supportEnd = new int[n];
        double band = (tile - stride) / 4.0, ramp = (tile - stride) / 2.0;
        for (int k = 0; k < n; k++) {
            float[] w = new float[tile];
            int first = -1, last = -1;
            for (int t = 0; t < tile; t++) {
                double u = t + 0.5;
                double left = k == 0 ? 1 : profile(u, band, ramp);
                double right = k == n - 1 ? 1 : profile(tile - u, band, ramp);
                w[t] = (float) Math.min(left, right);
                if (w[t] > 0 && origins[k] + t < length) {
                    if (first < 0) first = t;
                    last = t;
                }
            }
            weights[k] = w;
            supportStart[k] = origins[k] + first;
            supportEnd[k] = origins[k] + last + 1;
        }
    }

    /** Rising edge at distance {@code u} from a tile side: 0, then a raised-cosine ramp, then 1. */
    private static double profile(double u, double band, double ramp) {
        if (u <= band) return 0;
        if (u >= band + ramp) return 1;
        return 0.5 - 0.5 * Math.cos(Math.PI * (u - band) / ramp);
    }

    int count() {
        return origins.length;
    }

    /** Whether tile {@code k}'s input window {@code [origin, origin+S)} overlaps {@code [from, to)}. */
    boolean windowIntersects(int k, int from, int to) {
        return origins[k] < to && from < origins[k] + tile;
    }

    /** Symmetric reflection into {@code [0, n)} for any index (period {@code 2n}), used for padding. */
    static int mirror(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
