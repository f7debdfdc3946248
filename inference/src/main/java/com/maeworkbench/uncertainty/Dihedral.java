package com.maeworkbench.uncertainty;

/**
 * The 8 symmetries of the square (flips and rotations by 90 degrees) as pixel maps between an image of
 * {@code w x h} and its transformed copy. A transformed pixel {@code (u, v)} reads the source pixel found by
 * undoing the flips and then, for the four transposing members, swapping the axes.
 */
public enum Dihedral {
    IDENTITY(false, false, false),
    FLIP_X(false, true, false),
    FLIP_Y(false, false, true),
    ROTATE_180(false, true, true),
    TRANSPOSE(true, false, false),
    ROTATE_90(true, true, false),
    ROTATE_270(true, false, true),
    ANTI_TRANSPOSE(true, true, true);

    private final boolean transpose;
    private final boolean flipX;
    private final boolean flipY;

    Dihedral(boolean transpose, boolean flipX, boolean flipY) {
        this.transpose = transpose;
        this.flipX = flipX;
        this.flipY = flipY;
    }

    /** Width of the transformed copy of a {@code w x h} image. */
    public int width(int w, int h) {
        return transpose ? h : w;
    }

    public int height(int w, int h) {
        return transpose ? w : h;
    }

    /** Source index (row-major in {@code w x h}) of transformed pixel {@code (u, v)}. */
    int source(int u, int v, int w, int h) {
        int a = flipX ? width(w, h) - 1 - u : u, b = flipY ? height(w, h) - 1 - v : v;
        return transpose ? a * w + b : b * w + a;
    }
}
