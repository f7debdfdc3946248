package com.maeworkbench.uncertainty;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.method.RestorationMethod;

import java.util.Random;

/**
 * One test-time variation of a restoration: the image and mask are flipped or rotated ({@code dihedral}),
 * shifted against the MAE's tile grid by mirror-padding {@code shiftX} / {@code shiftY} pixels on the top
 * left, and each {@code cell x cell} cell of a grid anchored at (0,0) is hidden as well with probability
 * {@code drop} (MAEDAY-style: the model must redo its answer from less context). The method restores that copy
 * and the result is mapped back to the original geometry. Known pixels of the original are never read
 * from the result, so only the masked pixels' values differ between members.
 *
 * @param seed chooses the dropped cells; the member is deterministic for it
 */
public record EnsembleMember(Dihedral dihedral, int shiftX, int shiftY, double drop, int cell, long seed) {

    public EnsembleMember {
        if (shiftX < 0 || shiftY < 0) throw new IllegalArgumentException("shifts must be >= 0");
        if (!(drop >= 0 && drop < 1)) throw new IllegalArgumentException("drop share must be in [0,1), got " + drop);
        if (cell < 1) throw new IllegalArgumentException("cell size must be >= 1, got " + cell);
    }

    /** The plain restoration: no flip, no shift, nothing dropped. */
    public static EnsembleMember identity() {
        return new EnsembleMember(Dihedral.IDENTITY, 0, 0, 0, 1, 0);
    }

    public boolean isIdentity() {
        return dihedral == Dihedral.IDENTITY && shiftX == 0 && shiftY == 0 && drop == 0;
    }

    /** Short label for reports, e.g. {@code ROTATE_90+16,16-drop0.25#3}. */
    public String label() {
        StringBuilder b = new StringBuilder(dihedral.name());
        if (shiftX != 0 || shiftY != 0) b.append('+').append(shiftX).append(',').append(shiftY);
        if (drop > 0) b.append("-drop").append(drop).append('x').append(cell).append('#').append(seed);
        return b.toString();
    }

    /** The method's restoration of this variation, in the original's geometry (known pixels: the original's). */
    public FloatImage restore(RestorationMethod method, FloatImage image, Mask mask) {
        if (isIdentity()) return method.restore(image, mask);
        int w = image.width(), h = image.height();
        int tw = dihedral.width(w, h), th = dihedral.height(w, h);
        int pw = tw + shiftX, ph = th + shiftY;
        boolean[] hidden = withDropped(mask).missing();
        int[] source = new int[pw * ph];
        for (int y = 0; y < ph; y++) {
            int v = mirror(y - shiftY, th);
            for (int x = 0; x < pw; x++) source[y * pw + x] = dihedral.source(mirror(x - shiftX, tw), v, w, h);
        }
        boolean[] hiddenThere = new boolean[pw * ph];
        for (int i = 0; i < hiddenThere.length; i++) hiddenThere[i] = hidden[source[i]];
        float[][] planes = new float[image.channels()][pw * ph];
        for (int c = 0; c < planes.length; c++) {
            float[] src = image.plane(c), dst = planes[c];
            for (int i = 0; i < dst.length; i++) dst[i] = src[source[i]];
        }
        FloatImage varied = new FloatImage(pw, ph, planes, image.bitDepth(), image.window(), image.calibration(), image.source());
        FloatImage out = method.restore(varied, new Mask(pw, ph, hiddenThere));

        // The unpadded part of the copy holds every original pixel exactly once.
        boolean[] missing = mask.missing();
        float[][] back = new float[planes.length][];
        for (int c = 0; c < back.length; c++) {
            float[] res = out.plane(c), dst = image.plane(c).clone();
            for (int y = shiftY; y < ph; y++) {
                for (int x = shiftX; x < pw; x++) {
                    int s = source[y * pw + x];
                    if (missing[s]) dst[s] = res[y * pw + x];
                }
            }
            back[c] = dst;
        }
        return image.withPlanes(back);
    }

    /** The mask with each grid cell also hidden with probability {@code drop}. */
    Mask withDropped(Mask mask) {
        if (drop == 0) return mask;
        int w = mask.width(), h = mask.height(), cols = (w + cell - 1) / cell, rows = (h + cell - 1) / cell;
        boolean[] missing = mask.missing(), hidden = missing.clone();
        Random rnd = new Random(seed);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                // One draw per cell, masked or not, so a mask edit elsewhere keeps this cell's fate.
                if (rnd.nextDouble() >= drop) continue;
                for (int y = r * cell; y < Math.min(h, (r + 1) * cell); y++) {
                    for (int x = c * cell; x < Math.min(w, (c + 1) * cell); x++) hidden[y * w + x] = true;
                }
            }
        }
        return new Mask(w, h, hidden);
    }

    /** Symmetric reflection into {@code [0, n)}, the MAE's own padding rule, so a shift adds no new content. */
    private static int mirror(int i, int n) {
        int period = 2 * n, m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
