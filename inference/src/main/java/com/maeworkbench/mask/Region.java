package com.maeworkbench.mask;

/** An axis-aligned pixel rectangle, {@code [x, x+width) x [y, y+height)}; empty when width or height is 0. */
public record Region(int x, int y, int width, int height) {

    public static final Region EMPTY = new Region(0, 0, 0, 0);

    public boolean isEmpty() {
        return width <= 0 || height <= 0;
    }

    public int right() {
        return x + width;
    }

    public int bottom() {
        return y + height;
    }

    /** Smallest region holding both; an empty side is ignored. */
    public Region union(Region o) {
        if (isEmpty()) return o;
        if (o.isEmpty()) return this;
        int x0 = Math.min(x, o.x), y0 = Math.min(y, o.y);
        return new Region(x0, y0, Math.max(right(), o.right()) - x0, Math.max(bottom(), o.bottom()) - y0);
    }

    /** The pixels in both, or {@link #EMPTY}. */
    public Region intersection(Region o) {
        int x0 = Math.max(x, o.x), y0 = Math.max(y, o.y), x1 = Math.min(right(), o.right()), y1 = Math.min(bottom(), o.bottom());
        return x1 > x0 && y1 > y0 ? new Region(x0, y0, x1 - x0, y1 - y0) : EMPTY;
    }

    /** This region grown by {@code margin} on every side and clipped to {@code [0,w) x [0,h)}. */
    public Region grow(int margin, int w, int h) {
        if (isEmpty()) return this;
        int x0 = Math.max(0, x - margin), y0 = Math.max(0, y - margin);
        int x1 = Math.min(w, right() + margin), y1 = Math.min(h, bottom() + margin);
        return x1 > x0 && y1 > y0 ? new Region(x0, y0, x1 - x0, y1 - y0) : EMPTY;
    }

    /** Bounding box of the masked pixels, or {@link #EMPTY}. */
    public static Region bounds(Mask mask) {
        int w = mask.width(), h = mask.height();
        boolean[] m = mask.missing();
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                if (m[row + x]) {
                    if (x < x0) x0 = x;
                    if (x > x1) x1 = x;
                    if (y < y0) y0 = y;
                    y1 = y;
                }
            }
        }
        return x1 < 0 ? EMPTY : new Region(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}
