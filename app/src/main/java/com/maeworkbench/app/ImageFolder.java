package com.maeworkbench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What opening a folder opens: its first image file by name. DICOM files often have no extension, so files
 * without one count too; the core recognises formats by content when the file is read. This is the place a
 * DICOM series reader plugs in once the core offers one: a folder holding a series then opens the series.
 */
final class ImageFolder {

    private ImageFolder() {
    }

    static Optional<Path> firstImage(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(ImageFolder::mayBeImage)
                    .min(Comparator.comparing(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)));
        }
    }

    private static boolean mayBeImage(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 || WorkbenchActions.IMAGE_EXTENSIONS.contains("*" + name.substring(dot));
    }
}
