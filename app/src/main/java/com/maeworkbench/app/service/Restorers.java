package com.maeworkbench.app.service;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestorationMethod;

import java.util.Map;
import java.util.function.ToIntFunction;

/** Chooses, per method, how an edit is recomputed: only the touched region where that is exact, else all. */
public final class Restorers {

    /** Recomputes a method's output after a mask edit. {@code previous} is null for a first run. */
    /**
     * How a method is recomputed; {@code live} methods also run on the intermediate edits of a drag, the
     * others (full runs only) wait for the gesture to end so they cannot delay the live ones.
     */
    public record Strategy(Incremental restorer, boolean live) {
    }

    @FunctionalInterface
    public interface Incremental {
        RegionRestore.Outcome restore(FloatImage image, Mask mask, Mask lastMask, Region dirty, FloatImage previous);
    }

    /**
     * How far (in pixels, as a square window) each classical method looks from a pixel it fills, given the
     * mask's hole sizes. These follow the methods' documented algorithms in the core and are checked
     * against full runs by RestorersTest; a method not listed (OpenCV's fast-marching inpainting, whose
     * marching order can carry information sideways without bound) always runs on the whole image.
     */
    static final Map<String, ToIntFunction<MaskGeometry>> REACH = Map.of(
            // nearest known pixel left, right, above and below: at most one run away
            "bilinear", g -> g.maxRun() + 2,
            // normalised convolution with sigma doubling until the 3-sigma window meets known pixels
            "gaussian", g -> (int) Math.ceil(2 * g.maxDepth()) + 6,
            // the Gaussian estimate, then two 7x7 bilateral passes over known pixels
            "bilateral", g -> (int) Math.ceil(2 * g.maxDepth()) + 10,
            // onion peel with a 5x5 window: a pixel filled in pass n sees at most 2n pixels back
            "median", g -> (int) Math.ceil(g.maxDepth()) + 4);

    private Restorers() {
    }

    /** The strategy for one method; {@code lastMask} is the mask behind {@code previous}. */
    public static Strategy forMethod(RestorationMethod method) {
        if (method instanceof MaeMethod mae) {
            // The core reruns only the model tiles that the edit touched, and guarantees the full result.
            return new Strategy((image, mask, lastMask, dirty, previous) -> previous == null
                    ? new RegionRestore.Outcome(mae.restore(image, mask), false)
                    : new RegionRestore.Outcome(mae.restore(image, mask, dirty, previous), true), true);
        }
        ToIntFunction<MaskGeometry> reach = REACH.get(method.id());
        if (reach == null) return new Strategy(full(method), false);
        return new Strategy((image, mask, lastMask, dirty, previous) -> {
            if (previous == null || lastMask == null) return new RegionRestore.Outcome(method.restore(image, mask), false);
            MaskGeometry g = MaskGeometry.ofUnion(lastMask, mask);
            int r = Double.isInfinite(g.maxDepth()) ? -1 : reach.applyAsInt(g);
            return RegionRestore.restore(method, r, image, mask, dirty, previous);
        }, true);
    }

    public static Incremental full(RestorationMethod method) {
        return (image, mask, lastMask, dirty, previous) -> new RegionRestore.Outcome(method.restore(image, mask), false);
    }
}
