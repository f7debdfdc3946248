package com.maeworkbench.method;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;

import java.util.function.DoubleConsumer;

/**
 * Telea (2004) inpainting, OpenCV's {@code INPAINT_TELEA} (4.9) computed the same way on a {@link FastMarching}
 * front with a binary heap: each pixel, in order of arrival, takes the mean of the known and already filled
 * pixels within {@link #RADIUS}, weighted by distance, by level-set distance and by direction along the front.
 *
 * <p>Works on the float planes themselves, so 16-bit and DICOM sources keep their precision. OpenCV adds two terms
 * in units of one intensity level, a normalised gradient sum and a rounding offset of 0.5, at most two levels in
 * all; the workbench called OpenCV on float planes scaled to 2^24 levels, where they fall below float resolution,
 * and here they are left out (measured within 1.1e-6 of that call, {@code FastMarchingInpaintTest}). On 8-bit
 * planes with {@code eightBit} the terms and OpenCV's rounding are kept and the output is OpenCV's 8-bit output,
 * pixel for pixel. All channels share one march and one set of weights. Unlike OpenCV, pixels on the image's
 * first row and column are read where they are (see {@link FastMarching.Window}), and masked pixels go in as 0:
 * OpenCV's reads there could reach the hidden answer.
 */
public final class TeleaInpaint implements RestorationMethod {

    /** OpenCV's {@code inpaintRadius} as the workbench calls it. */
    static final int RADIUS = 5;

    @Override
    public String id() {
        return "telea";
    }

    @Override
    public String displayName() {
        return "Telea (fast marching)";
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
                (planes, progress) -> inpaint(planes, image.width(), image.height(), mask.missing(), RADIUS, false, progress));
    }

    /**
     * Fills the masked pixels of {@code planes} (row-major, {@code w x h}) in place. With {@code eightBit} the
     * planes hold 0..255 and every filled value is rounded and clamped to them as OpenCV does for 8-bit input.
     */
    static void inpaint(float[][] planes, int w, int h, boolean[] missing, int radius, boolean eightBit, DoubleConsumer progress) {
        FastMarching front = new FastMarching(missing, w, h);
        front.outsideDistances(radius);
        front.march(new Pixel(front, planes, w, h, radius, eightBit), progress);
    }

    /**
     * Computes one pixel's values: OpenCV's {@code icvTeleaInpaintFMM} loop body. The weights depend on the
     * arrival times only, so each is computed once for all channels.
     */
    private static final class Pixel implements FastMarching.Fill {
        private final FastMarching front;
        private final float[][] v;
        private final int w, ew, eh;
        private final boolean eightBit;
        private final FastMarching.Window win;
        /** OpenCV's distance weight 1/|d|^3 per disc entry. */
        private final float[] dst;
        private final float[] weight;
        private float jx, jy;

        Pixel(FastMarching front, float[][] planes, int w, int h, int r, boolean eightBit) {
            this.front = front;
            this.v = planes;
            this.w = w;
            this.ew = front.ew;
            this.eh = front.eh;
            this.eightBit = eightBit;
            win = new FastMarching.Window(r, w, h, eightBit);
            dst = new float[win.entries];
            for (int m = 0; m < dst.length; m++) {
                float len = win.rx[m] * win.rx[m] + win.ry[m] * win.ry[m];
                dst[m] = (float) (1. / (len * Math.sqrt(len)));
            }
            weight = new float[dst.length];
        }

        @Override
        public void fill(int e) {
            final byte inside = FastMarching.INSIDE;
            byte[] f = front.f;
            float[] t = front.t;
            float ti = t[e];
            boolean right = f[e + 1] != inside, left = f[e - 1] != inside;
            boolean down = f[e + ew] != inside, up = f[e - ew] != inside;
            float gx = right ? (left ? (t[e + 1] - t[e - 1]) * 0.5f : t[e + 1] - ti) : (left ? ti - t[e - 1] : 0);
            float gy = down ? (up ? (t[e + ew] - t[e - ew]) * 0.5f : t[e + ew] - ti) : (up ? ti - t[e - ew] : 0);
            int i = e / ew, j = e - i * ew;
            if (!eightBit && v.length == 3 && win.interior(i, j, eh, ew)) {
                fillInterior(e, i, j, gx, gy);
            } else {
                fillGathered(e, i, j, gx, gy);
            }
        }

        /**
         * A colour pixel whose window lies inside the image, off its first row and column (where OpenCV reads
         * shifted pixels): the window visited in place, the three channel sums interleaved so that their chains
         * of dependent additions overlap.
         */
        private void fillInterior(int e, int i, int j, float gx, float gy) {
            final byte inside = FastMarching.INSIDE;
            byte[] f = front.f;
            float[] t = front.t, p0 = v[0], p1 = v[1], p2 = v[2];
            float ti = t[e], s = 1.0e-20f, ia0 = 0, ia1 = 0, ia2 = 0;
            int at = (i - 1) * w + j - 1;
            int[] dq = win.dq, dp = win.dp;
            float[] rx = win.rx, ry = win.ry;
            for (int m = 0, n = win.entries; m < n; m++) {
                int q = e + dq[m];
                if (f[q] == inside) continue;
                float lev = 1f / (1 + Math.abs(t[q] - ti)); // OpenCV divides in double: within an ulp
                float dir = Math.abs(rx[m] * gx + ry[m] * gy);
                float wgt = dst[m] * lev * (dir <= 0.01f ? 1.0e-6f : dir);
                int pixel = at + dp[m];
                s += wgt;
                ia0 += wgt * p0[pixel];
                ia1 += wgt * p1[pixel];
                ia2 += wgt * p2[pixel];
            }
            p0[at] = ia0 / s;
            p1[at] = ia1 / s;
            p2[at] = ia2 / s;
        }

        /** Any pixel: the window gathered with OpenCV's edge taps; the 8-bit reference adds OpenCV's gradient terms. */
        private void fillGathered(int e, int i, int j, float gx, float gy) {
            float[] t = front.t, rx = win.rx, ry = win.ry;
            float ti = t[e];
            front.gather(e, win);
            int n = win.size;
            int[] framed = win.framed, entry = win.entry, value = win.value;
            float s = 1.0e-20f;
            for (int m = 0; m < n; m++) {
                int o = entry[m];
                float lev = (float) (1. / (1 + Math.abs(t[framed[m]] - ti)));
                float dir = rx[o] * gx + ry[o] * gy;
                if (Math.abs(dir) <= 0.01) dir = 1.0e-6f;
                float wgt = Math.abs(dst[o] * lev * dir);
                weight[m] = wgt;
                s += wgt;
            }
            int at = (i - 1) * w + j - 1;
            for (float[] p : v) {
                float ia = 0;
                for (int m = 0; m < n; m++) ia += weight[m] * p[value[m]];
                if (eightBit) {
                    gradientTerms(p);
                    float sat = (float) (ia / s + (jx + jy) / (Math.sqrt(jx * jx + jy * jy) + 1.0e-20f) + 0.5f);
                    p[at] = Math.max(0, Math.min(255, (float) Math.rint(sat)));
                } else {
                    p[at] = ia / s;
                }
            }
        }

        /** OpenCV's gradient sums Jx, Jy for one channel: image gradients, one-sided next to a hole, along the offsets. */
        private void gradientTerms(float[] p) {
            final byte inside = FastMarching.INSIDE;
            byte[] f = front.f;
            jx = 0;
            jy = 0;
            for (int m = 0; m < win.size; m++) {
                int q = win.framed[m], o = win.entry[m], k = win.row[m], l = win.col[m];
                boolean right = f[q + 1] != inside, left = f[q - 1] != inside;
                boolean down = f[q + ew] != inside, up = f[q - ew] != inside;
                int km = win.rows[0][k] * w, kmUp = win.rows[1][k] * w, kp = win.rows[2][k] * w, kpDown = win.rows[3][k] * w;
                int lm = win.cols[0][l], lmLeft = win.cols[1][l], lp = win.cols[2][l], lpRight = win.cols[3][l];
                float gx = right ? (left ? (p[km + lpRight] - p[km + lmLeft]) * 2.0f : p[km + lpRight] - p[km + lm])
                        : (left ? p[km + lp] - p[km + lmLeft] : 0);
                float gy = down ? (up ? (p[kpDown + lm] - p[kmUp + lm]) * 2.0f : p[kpDown + lm] - p[km + lm])
                        : (up ? p[kp + lm] - p[kmUp + lm] : 0);
                jx -= weight[m] * (gx * win.rx[o]);
                jy -= weight[m] * (gy * win.ry[o]);
            }
        }
    }
}
