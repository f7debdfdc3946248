package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;

import java.util.function.DoubleConsumer;

/**
 * Navier-Stokes inpainting as OpenCV implements {@code INPAINT_NS} (4.9), computed the same way on a
 * {@link FastMarching} front with a binary heap: each pixel, in order of arrival, takes the mean of the known
 * and already filled pixels within {@link TeleaInpaint#RADIUS}, weighted by distance and by how well the
 * offset lines up with the isophote (level line) through each of them. (OpenCV's {@code INPAINT_NS} is this
 * isophote-weighted fast march, not the iterative fluid solver of Bertalmio et al.)
 *
 * <p>Works on the float planes themselves, so 16-bit and DICOM sources keep their precision. OpenCV's weights are
 * scale-free but for one threshold, 0.01 of an intensity level below which an isophote counts as flat; the
 * workbench called OpenCV on float planes scaled to 2^24 levels, so the threshold here is 0.01 / 2^24 (measured
 * within 5e-5 of that call, {@code FastMarchingInpaintTest}). With {@code eightBit} the planes hold 0..255, the
 * threshold is 0.01 and the output is OpenCV's 8-bit output, pixel for pixel. Unlike OpenCV, pixels on the
 * image's first row and column are read where they are (see {@link FastMarching.Window}), and masked pixels go in
 * as 0: OpenCV's reads there could reach the hidden answer.
 */
public final class NavierStokesInpaint implements RestorationMethod {

    /** OpenCV's flat-isophote threshold, 0.01 of an intensity level, for float planes as OpenCV saw them (2^24 levels). */
    private static final double FLAT = 0.01 / (1 << 24);

    @Override
    public String id() {
        return "ns";
    }

    @Override
    public String displayName() {
        return "Navier-Stokes (fast marching)";
    }

    /** Unbounded reach: the march carries values across a whole hole, so an edit can change every pixel. */
    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public FloatImage restore(FloatImage image, Mask mask) {
        return restore(image, mask, null, null, RestoreMonitor.NONE);
    }

    /** Reports the march's progress with the planes being filled ({@link FastMarching#restore}). */
    @Override
    public FloatImage restore(FloatImage image, Mask mask, Region dirty, FloatImage previous, RestoreMonitor monitor) {
        return FastMarching.restore(image, mask, monitor,
                (planes, progress) -> inpaint(planes, image.width(), image.height(), mask.missing(), TeleaInpaint.RADIUS, false, progress));
    }

    /** Fills the masked pixels of {@code planes} in place; {@code eightBit}: planes hold 0..255, results rounded as OpenCV's. */
    static void inpaint(float[][] planes, int w, int h, boolean[] missing, int radius, boolean eightBit, DoubleConsumer progress) {
        FastMarching front = new FastMarching(missing, w, h);
        Pixel pixel = new Pixel(front, planes, w, h, radius, eightBit);
        if (!eightBit) for (int e : front.nearHoles(radius)) pixel.isophote(e);
        front.march(pixel, progress);
    }

    /**
     * Computes one pixel's values: OpenCV's {@code icvNSInpaintFMM} loop body, each channel with its own weights.
     * The weight's direction term is |cos| of the angle between the offset and a window pixel's isophote. OpenCV
     * takes a square root and a division for it at every window position; here each pixel's isophotes and their
     * inverse lengths are kept: computed first for the known pixels near a hole, then for each filled pixel and
     * again for the neighbours that read it. The 8-bit reference path keeps OpenCV's arithmetic, operation for
     * operation.
     */
    private static final class Pixel implements FastMarching.Fill {
        private final FastMarching front;
        private final float[][] v;
        private final int h, stride;
        private final boolean eightBit;
        /** Below this |isophote . offset| an isophote counts as flat. */
        private final double flatBelow;
        private final FastMarching.Window win;
        /** Per disc entry: OpenCV's distance weight 1/(|d|^4+1); that over |d|; that times 1e-6. */
        private final float[] dst, dstOverLength, dstFlat;
        /** Per image pixel, per channel: isophote x, y and inverse length (kept for pixels not inside). */
        private final float[] iso;

        Pixel(FastMarching front, float[][] planes, int w, int h, int r, boolean eightBit) {
            this.front = front;
            this.v = planes;
            this.h = h;
            this.stride = 3 * planes.length;
            this.eightBit = eightBit;
            this.flatBelow = eightBit ? 0.01 : FLAT;
            win = new FastMarching.Window(r, w, h, eightBit);
            dst = new float[win.entries];
            dstOverLength = new float[win.entries];
            dstFlat = new float[win.entries];
            for (int m = 0; m < dst.length; m++) {
                float len = win.rx[m] * win.rx[m] + win.ry[m] * win.ry[m];
                dst[m] = 1 / (len * len + 1);
                dstOverLength[m] = (float) (dst[m] / Math.sqrt(len));
                dstFlat[m] = dst[m] * 1.0e-6f;
            }
            iso = eightBit ? null : new float[stride * w * h];
        }

        @Override
        public void fill(int e) {
            int ew = front.ew, i = e / ew, j = e - i * ew, at = (i - 1) * win.w + j - 1;
            if (!eightBit && v.length == 3 && win.interior(i, j, front.eh, ew)) {
                fillInterior(e, at);
                refreshAround(e);
                return;
            }
            front.gather(e, win);
            int n = win.size;
            if (eightBit) {
                for (float[] p : v) {
                    float ia = 0, s = 1.0e-20f;
                    for (int m = 0; m < n; m++) {
                        float weight = exactWeight(p, m);
                        ia += weight * p[win.value[m]];
                        s += weight;
                    }
                    p[at] = (float) Math.max(0, Math.min(255, Math.rint((double) ia / s)));
                }
                return;
            }
            fillEach(at);
            refreshAround(e);
        }

        /**
         * A colour pixel whose window lies inside the image, off its first row and column (where OpenCV reads
         * shifted pixels): the window visited in place, the three channel sums interleaved so that their chains
         * of dependent additions overlap.
         */
        private void fillInterior(int e, int at) {
            final byte inside = FastMarching.INSIDE;
            byte[] f = front.f;
            int[] dq = win.dq, dp = win.dp;
            float[] g = iso, rx = win.rx, ry = win.ry, p0 = v[0], p1 = v[1], p2 = v[2];
            float flat = (float) flatBelow, ia0 = 0, ia1 = 0, ia2 = 0, s0 = 1.0e-20f, s1 = 1.0e-20f, s2 = 1.0e-20f;
            for (int m = 0, n = win.entries; m < n; m++) {
                int q = e + dq[m];
                if (f[q] == inside) continue;
                int pixel = at + dp[m], a = 9 * pixel;
                float x = rx[m], y = ry[m], flatWeight = dstFlat[m], scale = dstOverLength[m];
                float dot = Math.abs(x * g[a] + y * g[a + 1]);
                float weight = dot <= flat ? flatWeight : dot * scale * g[a + 2];
                ia0 += weight * p0[pixel];
                s0 += weight;
                dot = Math.abs(x * g[a + 3] + y * g[a + 4]);
                weight = dot <= flat ? flatWeight : dot * scale * g[a + 5];
                ia1 += weight * p1[pixel];
                s1 += weight;
                dot = Math.abs(x * g[a + 6] + y * g[a + 7]);
                weight = dot <= flat ? flatWeight : dot * scale * g[a + 8];
                ia2 += weight * p2[pixel];
                s2 += weight;
            }
            p0[at] = (float) ((double) ia0 / s0);
            p1[at] = (float) ((double) ia1 / s1);
            p2[at] = (float) ((double) ia2 / s2);
        }

        /** Any other pixel (gray, or a window over the image's edge): the gathered window, one channel at a time. */
        private void fillEach(int at) {
            int[] pixel = win.pixel, entry = win.entry, value = win.value;
            float[] rx = win.rx, ry = win.ry;
            for (int c = 0; c < v.length; c++) {
                float[] p = v[c];
                float ia = 0, s = 1.0e-20f;
                for (int m = 0, n = win.size; m < n; m++) {
                    int o = entry[m], a = stride * pixel[m] + 3 * c;
                    float dot = Math.abs(rx[o] * iso[a] + ry[o] * iso[a + 1]);
                    float weight = dot <= flatBelow ? dstFlat[o] : dot * dstOverLength[o] * iso[a + 2];
                    ia += weight * p[value[m]];
                    s += weight;
                }
                p[at] = (float) ((double) ia / s);
            }
        }

        /** Computes and keeps the isophotes, every channel, of framed pixel q. */
        void isophote(int q) {
            int ew = front.ew, k = q / ew;
            isophote(q, k, q - k * ew);
        }

        /** Computes and keeps the isophotes, every channel, of framed pixel q at framed row k, column l. */
        private void isophote(int q, int k, int l) {
            byte[] f = front.f;
            int ew = front.ew, w = win.w, pixel = (k - 1) * w + l - 1;
            boolean right = f[q + 1] != FastMarching.INSIDE, left = f[q - 1] != FastMarching.INSIDE;
            boolean down = f[q + ew] != FastMarching.INSIDE, up = f[q - ew] != FastMarching.INSIDE;
            boolean plain = k >= 2 && l >= 2 && k <= front.eh - 3 && l <= ew - 3; // OpenCV's taps: the 4-neighbours
            for (int c = 0, a = stride * pixel; c < v.length; c++, a += 3) {
                float[] p = v[c];
                float gx, gy;
                if (plain) {
                    float mid = p[pixel];
                    gx = -absDiffs(p[pixel + w], mid, p[pixel - w], down, up);
                    gy = absDiffs(p[pixel + 1], mid, p[pixel - 1], right, left);
                } else {
                    gx = -gradientX(p, q, k, l);
                    gy = gradientY(p, q, k, l);
                }
                float squared = gx * gx + gy * gy;
                iso[a] = gx;
                iso[a + 1] = gy;
                iso[a + 2] = squared > 0 ? (float) (1 / Math.sqrt(squared)) : 0;
            }
        }

        /**
         * After framed pixel e was filled: its isophotes, and those of its neighbours that read it (the 4-neighbours;
         * on the image's edge, where OpenCV's taps shift inward, the diagonal ones too).
         */
        private void refreshAround(int e) {
            byte[] f = front.f;
            int ew = front.ew, eh = front.eh;
            f[e] = FastMarching.BAND; // as the march will mark it: the neighbours' isophotes see it filled
            int i = e / ew, j = e - i * ew;
            boolean edge = i <= 2 || j <= 2 || i >= eh - 3 || j >= ew - 3;
            for (int k = i - 1; k <= i + 1; k++) {
                for (int l = j - 1; l <= j + 1; l++) {
                    int q = k * ew + l;
                    boolean reads = k == i || l == j || edge;
                    if (reads && k >= 1 && l >= 1 && k <= eh - 2 && l <= ew - 2 && f[q] != FastMarching.INSIDE) isophote(q, k, l);
                }
            }
        }

        /** OpenCV's weight for the m-th gathered pixel, operation for operation, for the 8-bit reference. */
        private float exactWeight(float[] p, int m) {
            int o = win.entry[m];
            float rx = win.rx[o], ry = win.ry[o], len = rx * rx + ry * ry;
            int q = win.framed[m], k = win.row[m], l = win.col[m];
            float gx = -gradientX(p, q, k, l), gy = gradientY(p, q, k, l);
            float dir = rx * gx + ry * gy;
            dir = Math.abs(dir) <= flatBelow ? 1.0e-6f : (float) Math.abs(dir / Math.sqrt(len * (gx * gx + gy * gy)));
            return dst[o] * dir;
        }

        /** OpenCV's isophote x at framed (k, l) = q, before negation: absolute vertical differences, one-sided next to a hole. */
        private float gradientX(float[] p, int q, int k, int l) {
            byte[] f = front.f;
            int ew = front.ew, w = win.w, lm = win.cols[0][l];
            return absDiffs(p[win.rows[3][k] * w + lm], p[win.rows[2][k] * w + lm], p[win.rows[1][k] * w + lm],
                    f[q + ew] != FastMarching.INSIDE, f[q - ew] != FastMarching.INSIDE);
        }

        /** OpenCV's isophote y at framed (k, l) = q: absolute horizontal differences, one-sided next to a hole. */
        private float gradientY(float[] p, int q, int k, int l) {
            byte[] f = front.f;
            int row = win.rows[0][k] * win.w;
            return absDiffs(p[row + win.cols[3][l]], p[row + win.cols[0][l]], p[row + win.cols[1][l]],
                    f[q + 1] != FastMarching.INSIDE, f[q - 1] != FastMarching.INSIDE);
        }

        /** OpenCV's sum of absolute differences along one axis: both sides, or twice the one side that is known. */
        private static float absDiffs(float next, float mid, float previous, boolean hasNext, boolean hasPrevious) {
            return hasNext ? (hasPrevious ? Math.abs(next - mid) + Math.abs(mid - previous) : Math.abs(next - mid) * 2.0f)
                    : (hasPrevious ? Math.abs(mid - previous) * 2.0f : 0);
        }
    }
}
