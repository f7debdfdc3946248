package com.maeworkbench.io.dicom;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crafted files (issue 10): each fails with one line naming the file and the cause, fast, without a stack overflow. */
class CraftedDicomTest {

    @TempDir
    Path dir;

    /** Explicit VR little endian elements after a preamble and a file meta naming that syntax. */
    static final class Bytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes() {
            out.writeBytes(new byte[128]);
            out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
            element(0x00020010, "UI", "1.2.840.10008.1.2.1\0".getBytes(StandardCharsets.US_ASCII));
        }

        Bytes us(int tag, int v) {
            return element(tag, "US", new byte[]{(byte) v, (byte) (v >> 8)});
        }

        Bytes element(int tag, String vr, byte[] value) {
            header(tag, vr, value.length);
            out.writeBytes(value);
            return this;
        }

        Bytes header(int tag, String vr, long length) {
            le(tag >>> 16, 2);
            le(tag & 0xFFFF, 2);
            out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
            if (List.of("OB", "OW", "SQ", "UN", "UT").contains(vr)) {
                le(0, 2);
                le(length, 4);
            } else {
                le(length, 2);
            }
            return this;
        }

        Bytes item(int tag, long length) {
            le(tag >>> 16, 2);
            le(tag & 0xFFFF, 2);
            le(length, 4);
            return this;
        }

        Bytes image() {
            return us(0x00280010, 2).us(0x00280011, 2).us(0x00280100, 8).element(0x7FE00010, "OB", new byte[]{1, 2, 3, 4});
        }

        void le(long v, int n) {
            for (int i = 0; i < n; i++) out.write((int) (v >>> (8 * i)));
        }

        Path write(Path file) throws IOException {
            return Files.write(file, out.toByteArray());
        }
    }

    private String failure(Path file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(ImageFileException.class,
                () -> ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS)).getMessage());
    }

    private static Bytes nested(int depth) {
        Bytes b = new Bytes();
        for (int i = 0; i < depth; i++) {
            b.header(0x00081140, "SQ", 0xFFFFFFFFL);
            b.item(DicomParser.ITEM, 0xFFFFFFFFL);
        }
        for (int i = 0; i < depth; i++) {
            b.item(DicomParser.ITEM_END, 0);
            b.item(DicomParser.SEQUENCE_END, 0);
        }
        return b.image();
    }

    @Test
    void deeplyNestedSequencesFailWithOneLine() throws IOException {
        for (int depth : new int[]{5_000, 50_000}) {
            Path file = nested(depth).write(dir.resolve("nested-" + depth + ".dcm"));
            String message = failure(file);
            assertTrue(message.matches("nested-" + depth + "\\.dcm: DICOM sequences nested more than 64 deep at byte \\d+"), message);
        }
    }

    @Test
    void nestingWithinTheLimitIsRead() throws IOException {
        FloatImage image = ImageFiles.read(nested(DicomParser.MAX_DEPTH / 2).write(dir.resolve("ok.dcm")), ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(4 / 255f, image.plane(0)[3], 1e-7f);
    }

    @Test
    void negativeAndHugeLengthsFailWithOneLine() throws IOException {
        Path negative = new Bytes().header(0x00091010, "OB", 0xFFFFFFF0L).image().write(dir.resolve("negative.dcm"));
        assertEquals("negative.dcm: DICOM element (0009,1010) declares 4294967280 bytes (negative or huge)", failure(negative));
        Path huge = new Bytes().us(0x00280010, 2).us(0x00280011, 2).header(0x7FE00010, "OW", 0x7FFFFFF0L).write(dir.resolve("huge.dcm"));
        assertEquals("huge.dcm: truncated DICOM (unexpected end of file)", failure(huge));
        Path fragment = new Bytes().us(0x00280010, 2).us(0x00280011, 2).header(0x7FE00010, "OB", 0xFFFFFFFFL)
                .item(DicomParser.ITEM, 0).item(DicomParser.ITEM, 0x80000000L).write(dir.resolve("fragment.dcm"));
        assertEquals("fragment.dcm: truncated DICOM (unexpected end of file)", failure(fragment));
        Path table = new Bytes().us(0x00280010, 2).us(0x00280011, 2).header(0x7FE00010, "OB", 0xFFFFFFFFL)
                .item(DicomParser.ITEM, 0xFFFFFFF0L).write(dir.resolve("table.dcm"));
        assertEquals("table.dcm: truncated DICOM (unexpected end of file)", failure(table));
        Path sequence = new Bytes().header(0x00081140, "SQ", 0xFFFFFFFFL).item(0x00280010, 4).image().write(dir.resolve("sequence.dcm"));
        assertTrue(failure(sequence).startsWith("sequence.dcm: malformed DICOM sequence at byte "), failure(sequence));
    }

    @Test
    void framesOutOfRangeAndInvalidFrameCountsAreNamed() throws IOException {
        Path file = new Bytes().element(0x00280008, "IS", "2 ".getBytes(StandardCharsets.US_ASCII))
                .us(0x00280010, 1).us(0x00280011, 2).us(0x00280100, 8).element(0x7FE00010, "OB", new byte[]{1, 2, 3, 4})
                .write(dir.resolve("two.dcm"));
        DicomImage image = DicomImage.open(file, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(2, image.frames());
        assertEquals(3 / 255f, image.frame(1).plane(0)[0], 1e-7f);
        assertEquals("two.dcm: frame 2 does not exist (the file has 2 frames, 0..1)",
                assertThrows(ImageFileException.class, () -> image.frame(2)).getMessage());
        Path short_ = new Bytes().element(0x00280008, "IS", "3 ".getBytes(StandardCharsets.US_ASCII))
                .us(0x00280010, 1).us(0x00280011, 2).us(0x00280100, 8).element(0x7FE00010, "OB", new byte[]{1, 2, 3, 4})
                .write(dir.resolve("short.dcm"));
        assertEquals("short.dcm: DICOM pixel data holds 4 bytes, frame 2 of 3 needs 6",
                assertThrows(ImageFileException.class, () -> DicomImage.open(short_, ImageFiles.DEFAULT_MAX_PIXELS).frame(2)).getMessage());
        assertFalse(failure(file.resolveSibling("missing.dcm")).contains("\n"));
    }
}
