package com.maeworkbench.image;

/** A display window over normalised intensities: {@code low} maps to black, {@code high} to white. */
public record DisplayWindow(double low, double high) {

    public static final DisplayWindow FULL = new DisplayWindow(0, 1);

    public DisplayWindow {
        if (!(high > low)) throw new IllegalArgumentException("window high " + high + " must exceed low " + low);
    }

    public double center() {
        return (low + high) / 2;
    }

    public double width() {
        return high - low;
    }
}
