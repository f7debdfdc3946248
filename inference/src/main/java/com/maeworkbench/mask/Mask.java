package com.maeworkbench.mask;

import java.util.Arrays;

/**
 * Per-pixel mask, row-major: {@code missing[y * width + x]} is true where the pixel is to be restored.
 * The array is shared so the brush can paint in place on every drag; copy before handing a mask to
 * another thread.
 */
public record Mask(int width, int height, boolean[] missing) {

    public Mask {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("empty mask " + width + "x" + height);
        if (missing.length != width * height) throw new IllegalArgumentException("mask length " + missing.length + " != " + width + "x" + height);
    }

    public static Mask empty(int width, int height) {
        return new Mask(width, height, new boolean[width * height]);
    }

    public boolean isMissing(int x, int y) {
        return missing[y * width + x];
    }

    public int count() {
        int n = 0;
        for (boolean m : missing) if (m) n++;
        return n;
    }

    public double ratio() {
        return count() / (double) missing.length;
    }

    public boolean isEmpty() {
        for (boolean m : missing) if (m) return false;
        return true;
    }

    public Mask copy() {
        return new Mask(width, height, missing.clone());
    }

    public Mask inverted() {
        boolean[] inv = new boolean[missing.length];
        for (int i = 0; i < inv.length; i++) inv[i] = !missing[i];
        return new Mask(width, height, inv);
    }

    public boolean sameSize(int w, int h) {
        return width == w && height == h;
    }

    /** The one size check of every method and metric: {@link IllegalArgumentException} naming both sizes. */
    public void requireSize(int imageWidth, int imageHeight) {
        if (!sameSize(imageWidth, imageHeight)) {
            throw new IllegalArgumentException("mask " + width + "x" + height + " does not match image " + imageWidth + "x" + imageHeight);
        }
    }

    public boolean sameContent(Mask other) {
        return width == other.width && height == other.height && Arrays.equals(missing, other.missing);
    }
}
