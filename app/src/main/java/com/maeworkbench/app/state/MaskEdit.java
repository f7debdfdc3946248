package com.maeworkbench.app.state;

import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;

/** One undoable mask edit: the rectangle it touched, with that rectangle's content before and after. */
public record MaskEdit(Region region, boolean[] before, boolean[] after) {

    /** Captures {@code region} of {@code beforeMask} and of {@code afterMask}. */
    public static MaskEdit between(Mask beforeMask, Mask afterMask, Region region) {
        return new MaskEdit(region, cut(beforeMask, region), cut(afterMask, region));
    }

    public boolean changesAnything() {
        return !java.util.Arrays.equals(before, after);
    }

    public void applyBefore(Mask mask) {
        paste(mask, before);
    }

    public void applyAfter(Mask mask) {
        paste(mask, after);
    }

    private void paste(Mask mask, boolean[] content) {
        for (int y = 0; y < region.height(); y++) {
            System.arraycopy(content, y * region.width(), mask.missing(), (region.y() + y) * mask.width() + region.x(), region.width());
        }
    }

    static boolean[] cut(Mask mask, Region r) {
        boolean[] out = new boolean[r.width() * r.height()];
        for (int y = 0; y < r.height(); y++) {
            System.arraycopy(mask.missing(), (r.y() + y) * mask.width() + r.x(), out, y * r.width(), r.width());
        }
        return out;
    }
}
