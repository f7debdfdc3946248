package com.maeworkbench.app.state;

/** How result panels draw their image. */
public enum ViewMode {
    /** The restored image through the display window. */
    IMAGE,
    /** A heatmap of |restored - original|. */
    DIFFERENCE
}
