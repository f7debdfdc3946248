package com.maeworkbench.method;

import java.util.List;
import java.util.stream.Collectors;

/** The classical restoration methods, in display order. */
public final class Methods {

    private static final List<RestorationMethod> CLASSICAL = List.of(
            new BilinearFill(), new GaussianFill(), new MedianFill(), new BilateralFill(),
            new TeleaInpaint(), new NavierStokesInpaint());

    private Methods() {
    }

    /** bilinear, gaussian, median, bilateral, telea, ns. */
    public static List<RestorationMethod> classical() {
        return CLASSICAL;
    }

    /** The classical method with this id; {@link IllegalArgumentException} naming the valid ids otherwise. */
    public static RestorationMethod byId(String id) {
        for (RestorationMethod m : CLASSICAL) if (m.id().equals(id)) return m;
        throw new IllegalArgumentException("unknown method '" + id + "' (use "
                + CLASSICAL.stream().map(RestorationMethod::id).collect(Collectors.joining(", ")) + ")");
    }
}
