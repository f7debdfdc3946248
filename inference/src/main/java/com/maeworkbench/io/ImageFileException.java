package com.maeworkbench.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that could not be read or written as an image. The message is always one line,
 * {@code "<file name>: <reason>"}, fit to show a user as is.
 */
public final class ImageFileException extends IOException {

    private final Path file;

    public ImageFileException(Path file, String reason) {
        super(name(file) + ": " + oneLine(reason));
        this.file = file;
    }

    public ImageFileException(Path file, String reason, Throwable cause) {
        this(file, reason);
        initCause(cause);
    }

    public Path file() {
        return file;
    }

    private static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** Decoder messages can span lines, run long or quote the file's bytes; a user-facing message must not. */
    static String oneLine(String text) {
        String s = text == null ? "" : text.replaceAll("[\\p{Cntrl}\\x{FFFD}]", " ").replaceAll("\\s+", " ").trim();
        return s.length() > 240 ? s.substring(0, 237) + "..." : s;
    }
}
