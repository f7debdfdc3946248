package com.maeworkbench.io.dicom;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The DICOM images of one folder as slices of one series, opened once (headers only) and decoded slice by
 * slice on demand. Slices are sorted by Image Position (Patient) projected on the slice normal when every
 * file has it, else by Instance Number, else by file name; a multi-frame file contributes each of its frames.
 * A folder holding several series is refused by name, as are files that are not DICOM images.
 */
public final class DicomSeries {

    /** One slice: a frame of a file. */
    public record Slice(DicomImage image, int frame) {
    }

    private final List<Slice> slices;
    private final String order;

    private DicomSeries(List<Slice> slices, String order) {
        this.slices = List.copyOf(slices);
        this.order = order;
    }

    public static DicomSeries open(Path folder, long maxPixels) throws ImageFileException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ImageFileException(folder, "cannot list the folder (" + e.getMessage() + ")");
        }
        Map<String, List<DicomImage>> bySeries = new LinkedHashMap<>();
        for (Path file : files) {
            if (file.getFileName().toString().equals("DICOMDIR")) continue;
            DicomImage image;
            try {
                image = DicomImage.open(file, maxPixels);
            } catch (ImageFileException e) {
                continue; // not a DICOM image (a report, a DICOMDIR, a text file): not part of the series
            }
            bySeries.computeIfAbsent(image.seriesUid(), k -> new ArrayList<>()).add(image);
        }
        if (bySeries.isEmpty()) throw new ImageFileException(folder, "no readable DICOM image in the folder");
        if (bySeries.size() > 1) throw new ImageFileException(folder, "the folder holds " + bySeries.size() + " DICOM series; open one series folder");
        List<DicomImage> images = new ArrayList<>(bySeries.values().iterator().next());
        String order;
        if (images.stream().allMatch(i -> i.slicePosition().isPresent())) {
            images.sort(Comparator.comparingDouble(i -> i.slicePosition().orElseThrow()));
            order = "Image Position (Patient) along the slice normal";
        } else if (images.stream().allMatch(i -> i.instanceNumber().isPresent())) {
            images.sort(Comparator.comparingInt(i -> i.instanceNumber().orElseThrow()));
            order = "Instance Number";
        } else {
            order = "file name";
        }
        List<Slice> slices = new ArrayList<>();
        for (DicomImage image : images) for (int f = 0; f < image.frames(); f++) slices.add(new Slice(image, f));
        return new DicomSeries(slices, order);
    }

    public int size() {
        return slices.size();
    }

    public Slice slice(int index) {
        return slices.get(index);
    }

    /** Decodes slice {@code index} (0-based, in series order). */
    public FloatImage read(int index) throws ImageFileException {
        Slice s = slices.get(index);
        return s.image().frame(s.frame());
    }

    /** How the slices were sorted, for the image info. */
    public String order() {
        return order;
    }
}
