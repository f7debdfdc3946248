package com.maeworkbench.io.dicom;

import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Series folders from pydicom's dicomdirtests: sorted along the slice normal, one series per folder. */
class DicomSeriesTest {

    @TempDir
    Path dir;

    @Test
    void ctSeriesIsSortedAlongTheSliceNormal() throws Exception {
        Path folder = DicomTools.pydicomFiles().resolve("dicomdirtests/98892001/CT5N");
        DicomSeries series = DicomSeries.open(folder, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(5, series.size());
        assertEquals("Image Position (Patient) along the slice normal", series.order());
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < series.size(); i++) {
            double position = series.slice(i).image().slicePosition().orElseThrow();
            assertTrue(position > previous, "slice " + i + " at " + position + " after " + previous);
            previous = position;
            assertEquals(16, series.read(i).width());
        }
    }

    @Test
    void multiFrameFileGivesOneSlicePerFrame() throws Exception {
        Files.copy(DicomTools.pydicomFiles().resolve("rtdose.dcm"), dir.resolve("dose.dcm"));
        DicomSeries series = DicomSeries.open(dir, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(15, series.size());
        assertEquals(14, series.read(14).source().frame());
    }

    @Test
    void severalSeriesOrNoneAreRefusedByName() throws IOException {
        Path root = DicomTools.pydicomFiles();
        Files.copy(root.resolve("CT_small.dcm"), dir.resolve("a.dcm"));
        Files.copy(root.resolve("MR_small.dcm"), dir.resolve("b.dcm"));
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        String message = assertThrows(ImageFileException.class, () -> DicomSeries.open(dir, ImageFiles.DEFAULT_MAX_PIXELS)).getMessage();
        assertEquals(dir.getFileName() + ": the folder holds 2 DICOM series; open one series folder", message);
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertEquals("empty: no readable DICOM image in the folder",
                assertThrows(ImageFileException.class, () -> DicomSeries.open(empty, ImageFiles.DEFAULT_MAX_PIXELS)).getMessage());
    }
}
