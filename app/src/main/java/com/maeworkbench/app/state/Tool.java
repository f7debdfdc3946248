package com.maeworkbench.app.state;

/** What a primary-button drag on a panel does. */
public enum Tool {
    BRUSH("Brush", "B"),
    ERASER("Eraser", "E"),
    RECTANGLE("Rectangle", "R"),
    PAN("Pan", "H");

    private final String label;
    private final String key;

    Tool(String label, String key) {
        this.label = label;
        this.key = key;
    }

    public String label() {
        return label;
    }

    /** The single-key shortcut that selects this tool. */
    public String key() {
        return key;
    }
}
