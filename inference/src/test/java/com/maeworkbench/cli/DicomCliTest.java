package com.maeworkbench.cli;

import com.maeworkbench.io.dicom.DicomImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's DICOM options: --frame, --all-frames, --dicom, and info IMAGE. */
class DicomCliTest {

    @TempDir
    Path dir;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(DicomCliTest.class.getResource("/dicom/" + name).toURI());
    }

    @Test
    void allFramesAndDicomExportWriteOneSetPerFrameAndOneSeriesPerMethod() throws Exception {
        Path out = dir.resolve("out");
        RestoreCliTest.Run run = RestoreCliTest.cli("restore", resource("SC_rgb_rle_2frame.dcm").toString(), "--all-frames", "--dicom",
                "--methods", "bilinear", "--mask", "rect:x=10,y=10,w=20,h=20", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        for (int f = 0; f < 2; f++) {
            Path frame = out.resolve("frame-000" + f);
            assertTrue(Files.exists(frame.resolve("metrics.json")));
            DicomImage exported = DicomImage.open(frame.resolve("SC_rgb_rle_2frame-bilinear.dcm"), 1_000_000);
            assertEquals(100, exported.width());
        }
        assertEquals(DicomImage.open(out.resolve("frame-0000/SC_rgb_rle_2frame-bilinear.dcm"), 1_000_000).seriesUid(),
                DicomImage.open(out.resolve("frame-0001/SC_rgb_rle_2frame-bilinear.dcm"), 1_000_000).seriesUid());
    }

    @Test
    void frameOutOfRangeAndExportOfUnsupportedDataFailInOneLineWritingNothing() throws Exception {
        Path out = dir.resolve("none");
        RestoreCliTest.Run run = RestoreCliTest.cli("restore", resource("CT_small.dcm").toString(), "--frame", "2",
                "--methods", "bilinear", "--mask", "rect:x=1,y=1,w=2,h=2", "--out", out.toString());
        assertEquals(1, run.exit());
        assertEquals("error: CT_small.dcm: frame 2 does not exist (the file has 1 frame)", run.err().strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void infoDescribesTheImage() throws Exception {
        RestoreCliTest.Run run = RestoreCliTest.cli("info", resource("CT_small.dcm").toString());
        assertTrue(run.out().contains("DICOM, 128x128, 1 channel, 16 bits, frame 0 of 1 (0-based)"), run.out());
        assertTrue(run.out().contains("rescaled to HU = 1 x stored - 1024"), run.out());
    }
}
