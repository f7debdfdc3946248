package com.maeworkbench.app.state;

import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.dicom.DicomExport;
import com.maeworkbench.io.dicom.DicomImage;
import com.maeworkbench.io.dicom.DicomSeries;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The DICOM slices behind the open image: the frames of one file, or every frame of every file of a folder's
 * series in the core's order. Headers only; each slice is decoded when shown. A single-frame DICOM file is a
 * stack of one (the DICOM export needs its header).
 *
 * @param origin        the file or folder that was opened
 * @param slices        in display order
 * @param order         how a folder's slices were sorted (the core's words), null for the frames of one file
 * @param exportRefusal why the core's DICOM export refuses these sources, null when it takes them
 */
public record SliceStack(Path origin, List<DicomSeries.Slice> slices, String order, String exportRefusal) {

    public SliceStack {
        slices = List.copyOf(slices);
        if (slices.isEmpty()) throw new IllegalArgumentException("no slices in " + origin);
    }

    /** Every frame of one file. */
    public static SliceStack of(DicomImage file) {
        List<DicomSeries.Slice> frames = new ArrayList<>();
        for (int f = 0; f < file.frames(); f++) frames.add(new DicomSeries.Slice(file, f));
        return new SliceStack(file.path(), frames, null, refusal(List.of(file)));
    }

    /** A folder's series. */
    public static SliceStack of(Path folder, DicomSeries series) {
        List<DicomSeries.Slice> all = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) all.add(series.slice(i));
        return new SliceStack(folder, all, series.order(), refusal(all.stream().map(DicomSeries.Slice::image).toList()));
    }

    /** The first file the core's {@link DicomExport#checkSupported} refuses, in its words; null when none is. */
    private static String refusal(List<DicomImage> images) {
        for (DicomImage image : new LinkedHashSet<>(images)) {
            try {
                DicomExport.checkSupported(image);
            } catch (ImageFileException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    public int size() {
        return slices.size();
    }

    public DicomSeries.Slice slice(int index) {
        return slices.get(index);
    }

    /** The file slice {@code index} comes from. */
    public Path file(int index) {
        return slices.get(index).image().path();
    }

    /** Whether the slices are a folder's series (else the frames of one file). */
    public boolean isSeries() {
        return order != null;
    }

    /**
     * Where slice {@code index} lies along the slice normal, in mm (Image Position (Patient)), when its file says
     * and holds only that slice (a multi-frame file's per-frame positions are not read).
     */
    public Optional<Double> position(int index) {
        DicomImage image = slices.get(index).image();
        return image.frames() == 1 ? image.slicePosition() : Optional.empty();
    }
}
