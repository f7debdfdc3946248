package com.maeworkbench.io.dicom;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uncompressed pydicom files compressed here by gdcmconv into each syntax we decode, then decoded: lossless
 * syntaxes must give the source's pixels exactly, for 8-bit RGB (multi-frame), 12-bit MONOCHROME1 and 16-bit
 * signed data; several fragments per frame (gdcmconv --split) must join into one frame. (gdcmconv 3.0 itself
 * crashes on RLE and JPEG 2000 of the 3x3 RGB file, and writes 16-bit-precision DCT JPEG for --lossy on 12-bit
 * data, so those are not generated; the 12-bit decoder is checked on pydicom's two 12-bit JPEG files.)
 */
class CompressedTwinsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "MR_small.dcm, --jpeg", "MR_small.dcm, --j2k", "MR_small.dcm, --rle", "MR_small.dcm, --deflated",
            "CT_small.dcm, --jpeg", "CT_small.dcm, --j2k", "CT_small.dcm, --rle",
            "dicomdirtests/77654033/CR1/6154, --jpeg", "dicomdirtests/77654033/CR1/6154, --j2k", "dicomdirtests/77654033/CR1/6154, --rle",
            "SC_rgb_small_odd.dcm, --jpeg", "SC_rgb_rle_2frame.dcm, --jpeg", "SC_rgb_rle_2frame.dcm, --j2k",
            "MR_small.dcm, --jpeg --split 1024", "CT_small.dcm, --j2k --split 4096"})
    void losslessTwinEqualsSource(String name, String options) throws Exception {
        Path source = DicomTools.pydicomFiles().resolve(name);
        Path raw = DicomTools.gdcmconv(source, dir.resolve("raw.dcm"), "--raw");
        String[] o = options.split(" ");
        Path twin = DicomTools.gdcmconv(raw, dir.resolve("twin.dcm"), o[0]);
        if (o.length > 1) twin = DicomTools.gdcmconv(twin, dir.resolve("split.dcm"), o[1], o[2]); // gdcmconv splits compressed files only
        DicomImage expected = DicomImage.open(raw, ImageFiles.DEFAULT_MAX_PIXELS), actual = DicomImage.open(twin, ImageFiles.DEFAULT_MAX_PIXELS);
        assertTrue(actual.header().syntax.encapsulated() || actual.header().syntax.deflated(), actual.transferSyntax());
        assertEquals(expected.frames(), actual.frames());
        for (int f = 0; f < expected.frames(); f++) {
            FloatImage a = actual.frame(f);
            PydicomFilesTest.assertSame(expected.frame(f), a, 0, name + " " + options + " frame " + f);
            assertEquals(f, a.source().frame());
            assertEquals(expected.frames(), a.source().frames());
        }
    }
}
