package com.maeworkbench.app.service;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestorationMethod;

import java.util.Map;

/** Chooses, per method, how an edit is recomputed: only the touched region where that is exact, else all. */
public final class Restorers {

    /** Recomputes a method's output after a mask edit. {@code previous} is null for a first run. */
    @FunctionalInterface
    public interface Incremental {
        RegionRestore.Outcome restore(FloatImage image, Mask mask, Region dirty, FloatImage previous);
    }

    /**
     * Classical methods whose hole fill depends only on the hole and pixels within this radius, checked
     * against full runs by RestorersTest; methods not listed always run on the whole image.
     */
    static final Map<String, Integer> LOCAL_RADIUS = Map.of();

    private Restorers() {
    }

    public static Incremental forMethod(RestorationMethod method) {
        Integer radius = LOCAL_RADIUS.get(method.id());
        if (radius != null) return (image, mask, dirty, previous) -> RegionRestore.restore(method, radius, image, mask, dirty, previous);
        return full(method);
    }

    public static Incremental full(RestorationMethod method) {
        return (image, mask, dirty, previous) -> new RegionRestore.Outcome(method.restore(image, mask), false);
    }
}
