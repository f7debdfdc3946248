package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

import java.util.Arrays;
import java.util.function.DoubleConsumer;

/**
 * The fast-marching front that OpenCV's Telea and Navier-Stokes inpainting share ({@code photo/src/inpaint.cpp},
 * 4.9): masked pixels are filled in order of their arrival time {@code T} from the hole border, each from the
 * pixels already known or filled around it. This is OpenCV's march step for step (same neighbour order, same
 * eikonal update, ties in insertion order) on OpenCV's layout: the image framed by a one-pixel border.
 *
 * <p>Why OpenCV's cost grows with the square of the image: its priority queue is a sorted linked list, and
 * every push walks back from the tail past all queued pixels with a later arrival time. All holes march at once,
 * so the queue holds the whole front, whose length grows with the image; with a patch mask that makes
 * O(pixels x front) work. Here the queue is a binary heap keyed by (T, insertion number): the same order at
 * O(log front) per pixel.
 */
final class FastMarching {

    /** Pixel states, OpenCV's: known, on the front, still to fill; {@link #RING} marks the outside band still to reach. */
    static final byte KNOWN = 0, BAND = 1, INSIDE = 2, RING = 4;
    private static final float FAR = 1.0e6f;

    /** Fills the masked pixels of a method's planes in place, reporting the share of the march done. */
    interface Inpainter {
        void inpaint(float[][] planes, DoubleConsumer progress);
    }

    /**
     * A marching method's whole restore: the trivial cases, then {@code inpainter} on a copy of the image's planes
     * with the masked pixels at 0, the monitor seeing those planes fill (pixels not reached yet: 0) as the march goes.
     */
    static FloatImage restore(FloatImage image, Mask mask, RestoreMonitor monitor, Inpainter inpainter) {
        FloatImage trivial = Fills.trivialResult(image, mask);
        if (trivial != null) return trivial;
        float[][] out = Fills.copyPlanesBlankingMasked(image, mask.missing());
        FloatImage result = image.withPlanes(out);
        inpainter.inpaint(out, done -> monitor.progress(done, result));
        return result;
    }

    /** One filled pixel: compute its values from the current state; {@code e} is its index in the framed layout. */
    interface Fill {
        void fill(int e);
    }

    /** Framed width and height (image plus a one-pixel border). */
    final int ew, eh;
    /** Per framed pixel: state. */
    final byte[] f;
    /** Per framed pixel: arrival time; negative distance outside the holes after {@link #outsideDistances}. */
    final float[] t;
    private final int[] band;
    /** Pixels inside the holes, to fill. */
    private final int holes;
    private final Heap heap = new Heap();

    FastMarching(boolean[] missing, int w, int h) {
        ew = w + 2;
        eh = h + 2;
        f = new byte[ew * eh];
        t = new float[ew * eh];
        Arrays.fill(t, FAR);
        int inside = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (missing[y * w + x]) {
                    f[(y + 1) * ew + x + 1] = INSIDE;
                    inside++;
                }
            }
        }
        holes = inside;
        // The initial front: known image pixels next to a hole (a 3x3 cross dilation minus the hole), in raster order.
        int count = 0;
        int[] list = new int[64];
        for (int i = 1; i < eh - 1; i++) {
            for (int j = 1; j < ew - 1; j++) {
                int e = i * ew + j;
                if (f[e] != INSIDE && (f[e - 1] == INSIDE || f[e + 1] == INSIDE || f[e - ew] == INSIDE || f[e + ew] == INSIDE)) {
                    if (count == list.length) list = Arrays.copyOf(list, 2 * count);
                    list[count++] = e;
                    f[e] = BAND;
                    t[e] = 0;
                }
            }
        }
        band = Arrays.copyOf(list, count);
    }

    /**
     * Telea's distances on the known side: the pixels within {@code range} (Chebyshev) of a hole get minus their
     * marched distance from the front, as OpenCV's {@code icvCalcFMM(..., negate=true)} gives them.
     */
    void outsideDistances(int range) {
        markRing(range);
        for (int e : band) heap.push(0f, e);
        int[] popped = new int[band.length];
        int count = 0;
        while (!heap.isEmpty()) {
            int e = heap.pop();
            if (count == popped.length) popped = Arrays.copyOf(popped, 2 * count);
            popped[count++] = e;
            // The frame is never in the ring, so all four neighbours can be tried.
            reachRing(e - ew);
            reachRing(e - 1);
            reachRing(e + ew);
            reachRing(e + 1);
        }
        // Every pixel this march reached ends known, its distance negated (the front's 0 becomes -0, as in OpenCV).
        for (int k = 0; k < count; k++) {
            int e = popped[k];
            t[e] = -t[e];
            f[e] = KNOWN;
        }
        for (int k = 0; k < f.length; k++) if (f[k] == RING) f[k] = KNOWN; // out of the march's reach
    }

    private void reachRing(int e) {
        if (f[e] != RING) return;
        float dist = arrival(e, RING);
        t[e] = dist;
        f[e] = BAND;
        heap.push(dist, e);
    }

    /** Marks the known pixels within Chebyshev distance {@code range} of a hole, not on the front. */
    private void markRing(int range) {
        for (int e : nearHoles(range)) if (f[e] == KNOWN) f[e] = RING;
    }

    /**
     * The framed pixels off the frame and not inside that lie within Chebyshev distance {@code range} of a pixel
     * inside, in raster order: separable running counts, rows then columns.
     */
    int[] nearHoles(int range) {
        boolean[] row = new boolean[ew * eh];
        for (int i = 1; i < eh - 1; i++) {
            int base = i * ew, count = 0;
            for (int j = 0; j < Math.min(range, ew); j++) if (f[base + j] == INSIDE) count++;
            for (int j = 0; j < ew; j++) {
                if (j + range < ew && f[base + j + range] == INSIDE) count++;
                if (j - range - 1 >= 0 && f[base + j - range - 1] == INSIDE) count--;
                row[base + j] = count > 0;
            }
        }
        int[] cols = new int[ew], near = new int[64];
        int size = 0;
        for (int i = 0; i < Math.min(range, eh); i++) {
            for (int j = 0; j < ew; j++) if (row[i * ew + j]) cols[j]++;
        }
        for (int i = 0; i < eh; i++) {
            int add = (i + range) * ew, drop = (i - range - 1) * ew, base = i * ew;
            for (int j = 0; j < ew; j++) {
                if (i + range < eh && row[add + j]) cols[j]++;
                if (i - range - 1 >= 0 && row[drop + j]) cols[j]--;
                boolean frame = i == 0 || j == 0 || i == eh - 1 || j == ew - 1;
                if (cols[j] > 0 && !frame && f[base + j] != INSIDE) {
                    if (size == near.length) near = Arrays.copyOf(near, 2 * size);
                    near[size++] = base + j;
                }
            }
        }
        return Arrays.copyOf(near, size);
    }

    /**
     * Fills the holes: pops the earliest front pixel, and gives each of its four neighbours still inside its
     * arrival time, its values ({@code fill}) and a place on the front. Every 4096 pixels it checks for
     * cancellation and tells {@code progress} the share of the march done.
     */
    void march(Fill fill, DoubleConsumer progress) {
        for (int e : band) heap.push(0f, e);
        double total = band.length + holes;
        for (int popped = 1; !heap.isEmpty(); popped++) {
            if ((popped & 0xfff) == 1) { // on the first pop, then every 4096
                Fills.checkCancelled();
                progress.accept((popped - 1) / total);
            }
            int e = heap.pop();
            f[e] = KNOWN;
            // Up, left, down, right: OpenCV's order. The frame is never inside.
            reach(e - ew, fill);
            reach(e - 1, fill);
            reach(e + ew, fill);
            reach(e + 1, fill);
        }
    }

    private void reach(int e, Fill fill) {
        if (f[e] != INSIDE) return;
        float dist = arrival(e, INSIDE);
        t[e] = dist;
        fill.fill(e);
        f[e] = BAND;
        heap.push(dist, e);
    }

    /** OpenCV's eikonal update: the least of the four solutions from pairs of one vertical and one horizontal neighbour. */
    private float arrival(int e, byte inside) {
        float a = solve(e - ew, e - 1, inside), b = solve(e + ew, e - 1, inside);
        float c = solve(e - ew, e + 1, inside), d = solve(e + ew, e + 1, inside);
        a = a > b ? b : a;
        c = c > d ? d : c;
        return a > c ? c : a;
    }

    private float solve(int e1, int e2, byte inside) {
        double a11 = t[e1], a22 = t[e2], m12 = a11 > a22 ? a22 : a11, sol;
        boolean k1 = f[e1] != inside, k2 = f[e2] != inside;
        if (k1 && k2) {
            sol = Math.abs(a11 - a22) >= 1.0 ? 1 + m12 : (a11 + a22 + Math.sqrt(2 - (a11 - a22) * (a11 - a22))) * 0.5;
        } else if (k1) {
            sol = 1 + a11;
        } else if (k2) {
            sol = 1 + a22;
        } else {
            sol = 1 + m12;
        }
        return (float) sol;
    }

    /**
     * Gathers the window of framed pixel {@code e}: the disc entries that fall in the image on pixels not inside,
     * in OpenCV's order (rows top down, then columns left to right).
     */
    void gather(int e, Window win) {
        int i = e / ew, j = e - i * ew, size = 0, w = win.w;
        for (int m = 0; m < win.entries; m++) {
            int k = i + win.dy[m], l = j + win.dx[m], q = e + win.dq[m];
            if (k < 1 || l < 1 || k > eh - 2 || l > ew - 2 || f[q] == INSIDE) continue;
            win.entry[size] = m;
            win.framed[size] = q;
            win.row[size] = k;
            win.col[size] = l;
            win.pixel[size] = (k - 1) * w + l - 1;
            win.value[size] = win.rows[0][k] * w + win.cols[0][l];
            size++;
        }
        win.size = size;
    }

    /**
     * OpenCV's window: the offsets within radius r, in its visiting order, for an image of w x h pixels; and the
     * pixels of it last gathered around one pixel.
     */
    static final class Window {
        final int r, w, entries;
        /** Per disc entry: the offset, its framed and image index deltas, and OpenCV's vector to the centre (-dx, -dy). */
        final int[] dx, dy, dq, dp;
        final float[] rx, ry;
        /** OpenCV's image rows and columns around framed index k: see {@link #taps}. */
        final int[][] rows, cols;
        /**
         * Per gathered pixel: its disc entry, framed index, framed row and column, image index, and the index of
         * the value OpenCV reads for it (shifted inward on the image's first row and column).
         */
        final int[] entry, framed, row, col, pixel, value;
        int size;

        /**
         * {@code openCvTaps}: OpenCV's reads on the image's first row and column exactly (for the 8-bit reference);
         * otherwise a window pixel there is read where it is, see {@link #taps}.
         */
        Window(int r, int w, int h, boolean openCvTaps) {
            this.r = r;
            this.w = w;
            int n = 0, side = 2 * r + 1;
            int[] x = new int[side * side], y = new int[side * side];
            for (int oy = -r; oy <= r; oy++) {
                for (int ox = -r; ox <= r; ox++) {
                    if (ox * ox + oy * oy > r * r) continue;
                    x[n] = ox;
                    y[n] = oy;
                    n++;
                }
            }
            entries = n;
            dx = Arrays.copyOf(x, n);
            dy = Arrays.copyOf(y, n);
            dq = new int[n];
            dp = new int[n];
            rx = new float[n];
            ry = new float[n];
            for (int m = 0; m < n; m++) {
                dq[m] = dy[m] * (w + 2) + dx[m];
                dp[m] = dy[m] * w + dx[m];
                rx[m] = -dx[m];
                ry[m] = -dy[m];
            }
            rows = taps(h, openCvTaps);
            cols = taps(w, openCvTaps);
            entry = new int[n];
            framed = new int[n];
            row = new int[n];
            col = new int[n];
            pixel = new int[n];
            value = new int[n];
        }

        /** Whether the whole disc around framed (i, j) lies in the image, off its first row and column. */
        boolean interior(int i, int j, int eh, int ew) {
            return i - r >= 2 && j - r >= 2 && i + r <= eh - 2 && j + r <= ew - 2;
        }

        /**
         * OpenCV's image indices around framed index {@code k} along an axis of {@code n} pixels, as its window loops
         * compute them: {@code [0]} km, the pixel read (k-1, but 1 on the first pixel), {@code [1]} km-1, {@code [2]}
         * kp (k-1, but k-2 on the last pixel), {@code [3]} kp+1. Clamped to the image, which matters only when n is 1.
         * On the first pixel OpenCV reads the next one inward, unchecked, which may still be a hole: its hidden
         * value (or the 0 it is blanked to) would reach the result. Without {@code openCv} km is the pixel itself
         * there; the gradients' one-sided differences stay guarded by the right neighbours' states.
         */
        private static int[][] taps(int n, boolean openCv) {
            int[][] taps = new int[4][n + 2];
            for (int k = 1; k <= n; k++) {
                int km = k - 1 + (k == 1 && openCv ? 1 : 0), kp = k - 1 - (k == n ? 1 : 0);
                taps[0][k] = clamp(km, n);
                taps[1][k] = clamp(k - 2 + (k == 1 ? 1 : 0), n); // km-1 in OpenCV's terms
                taps[2][k] = clamp(kp, n);
                taps[3][k] = clamp(kp + 1, n);
            }
            return taps;
        }

        private static int clamp(int i, int n) {
            return Math.max(0, Math.min(n - 1, i));
        }
    }

    /** Binary min-heap of pixels keyed by (arrival time, insertion number): OpenCV's queue order, ties first in first out. */
    private static final class Heap {
        private long[] keys = new long[1024];
        private int[] pixels = new int[1024];
        private int size;
        private int pushed;

        boolean isEmpty() {
            return size == 0;
        }

        /** Times are never negative, so their float bits order like the times themselves. */
        void push(float time, int pixel) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, 2 * size);
                pixels = Arrays.copyOf(pixels, 2 * size);
            }
            long key = (long) Float.floatToRawIntBits(time) << 32 | (pushed++ & 0xffffffffL);
            int k = size++;
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                if (keys[parent] <= key) break;
                keys[k] = keys[parent];
                pixels[k] = pixels[parent];
                k = parent;
            }
            keys[k] = key;
            pixels[k] = pixel;
        }

        int pop() {
            int top = pixels[0];
            long key = keys[--size];
            int pixel = pixels[size], k = 0;
            while (true) {
                int child = 2 * k + 1;
                if (child >= size) break;
                if (child + 1 < size && keys[child + 1] < keys[child]) child++;
                if (keys[child] >= key) break;
                keys[k] = keys[child];
                pixels[k] = pixels[child];
                k = child;
            }
            keys[k] = key;
            pixels[k] = pixel;
            if (size == 0) pushed = 0;
            return top;
        }
    }
}
