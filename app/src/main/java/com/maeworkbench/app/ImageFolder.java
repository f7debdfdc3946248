package com.maeworkbench.app;

import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.dicom.DicomSeries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What opening a folder opens. A folder holding one DICOM series opens the whole series, at its first slice in
 * the core's series order (slice position, else instance number); other folders, several series among them,
 * their first image file by name.
 */
final class ImageFolder {

    /** The file to open, the series it starts (null for a plain image) and what it is within the folder (a line for the status bar). */
    record Choice(Path file, DicomSeries series, String note) {
    }

    private ImageFolder() {
    }

    /** Empty when the folder holds nothing to open. */
    static Optional<Choice> first(Path dir) throws IOException {
        try {
            DicomSeries series = DicomSeries.open(dir, ImageFiles.DEFAULT_MAX_PIXELS);
            return Optional.of(new Choice(series.slice(0).image().path(), series,
                    "slice 1 of " + series.size() + " of the folder's DICOM series (ordered by " + series.order() + ")"));
        } catch (ImageFileException e) {
            // no DICOM series here (or several, which the core refuses): the first image by name
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(ImageFolder::mayBeImage)
                    .min(Comparator.comparing(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .map(f -> new Choice(f, null, "the folder's first image by name"));
        }
    }

    /** A known image extension, or none (DICOM files often have none; the core reads formats by content). */
    private static boolean mayBeImage(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot < 0 || WorkbenchActions.IMAGE_EXTENSIONS.contains("*" + name.substring(dot));
    }
}
