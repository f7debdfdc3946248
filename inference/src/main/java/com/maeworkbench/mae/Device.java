package com.maeworkbench.mae;

import java.util.Locale;

/** Where the MAE should run: the first CUDA GPU when it works, the CPU, or the best that works ({@link #AUTO}). */
public enum Device {
    AUTO, CPU, CUDA;

    /** Parses {@code auto}, {@code cpu} or {@code cuda}, ignoring case and surrounding blanks. */
    public static Device parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "auto": return AUTO;
                case "cpu": return CPU;
                case "cuda": return CUDA;
                default: break;
            }
        }
        throw new IllegalArgumentException("unknown device '" + text + "' (use auto, cpu or cuda)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
