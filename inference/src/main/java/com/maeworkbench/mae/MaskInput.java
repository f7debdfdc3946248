package com.maeworkbench.mae;

import java.util.Arrays;

/**
 * The two variants of the model contract's mask input ({@code assets/README.md}). They differ in what a
 * partly unknown patch costs: {@link #PATCH} hides it whole, {@link #PIXEL} keeps its known pixels visible.
 */
public enum MaskInput {
    /** {@code mask} [1, (S/p)^2]: one flag per patch; a patch with any unknown pixel is hidden whole. */
    PATCH("mask"),
    /** {@code pixel_mask} [1, 1, S, S]: one flag per pixel; only fully unknown patches are hidden. */
    PIXEL("pixel_mask");

    private final String inputName;

    MaskInput(String inputName) {
        this.inputName = inputName;
    }

    /** The ONNX input's name. */
    public String inputName() {
        return inputName;
    }

    /** The input's shape for tile side {@code s} and patch side {@code p}. */
    long[] shape(int s, int p) {
        return this == PATCH ? new long[]{1, (long) (s / p) * (s / p)} : new long[]{1, 1, s, s};
    }

    /** One line for info displays, e.g. {@code pixel_mask [1, 1, 64, 64]: per pixel, ...}. */
    String describe(int s, int p) {
        return inputName + " " + Arrays.toString(shape(s, p)) + (this == PATCH
                ? ": per patch, a patch with any unknown pixel is hidden whole"
                : ": per pixel, only fully unknown patches are hidden");
    }
}
