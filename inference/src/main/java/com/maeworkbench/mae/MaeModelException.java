package com.maeworkbench.mae;

import java.nio.file.Path;

/** A model file that cannot be used; the message is one line naming the file and the cause. */
public class MaeModelException extends Exception {

    private final transient Path file;

    public MaeModelException(Path file, String cause) {
        this(file, cause, null);
    }

    public MaeModelException(Path file, String cause, Throwable source) {
        super("MAE model " + file + ": " + oneLine(cause), source);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    static String oneLine(String text) {
        String s = text == null ? "unknown error" : text.replaceAll("\\s+", " ").trim();
        return s.length() > 300 ? s.substring(0, 297) + "..." : s;
    }
}
