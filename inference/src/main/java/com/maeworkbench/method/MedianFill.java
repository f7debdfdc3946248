package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskGeometry;
import com.maeworkbench.mask.Region;

import java.util.function.ToIntFunction;

/**
 * Onion-peel median fill: each pass gives every missing pixel that has a known (or already filled)
 * pixel in its 5x5 window the per-channel median of those pixels, working from the hole borders inward
 * until nothing is missing. Medians keep edges that cross a thin hole instead of smearing them.
 *
 * <p>A pass reads only pixels filled before it, so the result does not depend on scan order. Each pass
 * visits just its frontier and collects the next one from the windows of the pixels it filled, so every
 * pixel is handled once: O(pixels x window) overall.
 */
public final class MedianFill implements RestorationMethod {

    static final int RADIUS = 2;
    private static final byte MISSING = 0, QUEUED = 1, FILLED = 2;

    @Override
    public String id() {
        return "median";
    }

    @Override
    public String displayName() {
        return "Median (onion peel, 5x5)";
    }

    @Override
    public FloatImage restore(FloatImage image, Mask mask) {
        FloatImage trivial = Fills.trivialResult(image, mask);
        if (trivial != null) return trivial;
        int w = image.width(), h = image.height(), n = w * h;
        float[][] out = Fills.copyPlanes(image);
        boolean[] missing = mask.missing();
        // Per pixel: MISSING, QUEUED (in the current or next frontier) or FILLED (known or done).
        byte[] state = new byte[n];
        for (int i = 0; i < n; i++) state[i] = missing[i] ? MISSING : FILLED;
        int[] frontier = new int[n], next = new int[n];
        int size = 0;
        boolean[] first = Fills.nearKnown(missing, w, h, RADIUS);
        for (int i = 0; i < n; i++) {
            if (first[i]) {
                state[i] = QUEUED;
                frontier[size++] = i;
            }
        }
        int channels = out.length;
        float[][] values = new float[channels][n]; // this pass's medians, committed after the pass
        int side = 2 * RADIUS + 1;
        int[] window = new int[side * side], keys = new int[side * side];
        while (size > 0) {
            int nextSize = 0;
            for (int k = 0; k < size; k++) {
                if ((k & 0xfff) == 0) Fills.checkCancelled(); // every 65536: a stale run on a 3000x3000 image took 0.9 s to stop
                int i = frontier[k], y = i / w, x = i - y * w, count = 0;
                int x0 = Math.max(0, x - RADIUS), x1 = Math.min(w - 1, x + RADIUS);
                for (int yy = Math.max(0, y - RADIUS), ye = Math.min(h - 1, y + RADIUS); yy <= ye; yy++) {
                    for (int j = yy * w + x0, end = yy * w + x1; j <= end; j++) {
                        byte s = state[j];
                        window[count] = j; // written always, kept only if filled: no branch to mispredict
                        count += s == FILLED ? 1 : 0;
                        // The window is symmetric: the missing pixels seen here are the ones this pass
                        // gives a filled neighbour, i.e. the next frontier.
                        if (s == MISSING) {
                            state[j] = QUEUED;
                            next[nextSize++] = j;
                        }
                    }
                }
                for (int c = 0; c < channels; c++) {
                    float[] p = out[c];
                    for (int t = 0; t < count; t++) keys[t] = sortKey(p[window[t]]);
                    values[c][k] = median(keys, count);
                }
            }
            for (int k = 0; k < size; k++) {
                int i = frontier[k];
                for (int c = 0; c < channels; c++) out[c][i] = values[c][k];
                state[i] = FILLED;
            }
            int[] t = frontier;
            frontier = next;
            next = t;
            size = nextSize;
        }
        return image.withPlanes(out);
    }

    /**
     * How far a filled pixel looks: a pixel filled in pass n sees at most {@code n * RADIUS} pixels back,
     * and a pixel at hole depth d is filled by pass d / RADIUS + 1.
     */
    static final ToIntFunction<MaskGeometry> REACH = g -> (int) Math.ceil(g.maxDepth()) + 2 * RADIUS;

    /** Exact region update within {@link #REACH}. */
    @Override
    public FloatImage restore(FloatImage image, Mask mask, Region dirty, FloatImage previous) {
        return RegionUpdate.restore(this, REACH, image, mask, dirty, previous);
    }

    /**
     * Median of the floats behind {@code keys[0..n)}, n >= 1 (mean of the two middle values when n is
     * even); reorders the keys. A branch-free insertion sort that keeps only the smallest n/2 + 1 keys:
     * at most 25 keys, and compare-and-swap by min/max beats a branching selection on data whose order
     * the CPU cannot predict.
     */
    static float median(int[] keys, int n) {
        int keep = n / 2 + 1, sorted = 1;
        for (int i = 1; i < n; i++) {
            int v = keys[i];
            // insert v into keys[0..sorted); whatever falls off the end beyond keep is dropped
            int top = Math.min(sorted, keep - 1);
            if (sorted >= keep) v = Math.min(v, keys[keep - 1]);
            for (int j = top - 1; j >= 0; j--) {
                int u = keys[j];
                keys[j + 1] = Math.max(u, v);
                v = Math.min(u, v);
            }
            keys[0] = v;
            if (sorted < keep) sorted++;
        }
        int k = n / 2;
        float upper = fromSortKey(keys[k]);
        return (n & 1) == 1 ? upper : (fromSortKey(keys[k - 1]) + upper) * 0.5f;
    }

    /** An int whose signed order is the float order (for all non-NaN floats); its own inverse. */
    static int sortKey(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    static float fromSortKey(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) & 0x7fffffff));
    }
}
