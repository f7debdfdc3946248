package com.maeworkbench.io;

import com.maeworkbench.image.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * DICOM decoding against pydicom. Expected values were printed with pydicom 2.3.1 + numpy (Debian
 * python3-pydicom), e.g. {@code d = pydicom.dcmread("CT_small.dcm"); a = d.pixel_array; a[y, x],
 * a[y, x] * d.RescaleSlope + d.RescaleIntercept}; the files are pydicom's test data (see LICENSE there).
 */
class DicomTest {

    @TempDir
    Path dir;

    private static final int[][] POINTS = {{0, 0}, {10, 20}, {31, 40}, {63, 63}, {5, 50}}; // {x, y}

    static Path resource(String name) {
        try {
            return Path.of(DicomTest.class.getResource("/dicom/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FloatImage read(Path file) throws IOException {
        return ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
    }

    /** Raw value at a pixel; float planes hold 16-bit levels to about 0.005 of a level. */
    private static double raw(FloatImage image, int x, int y) {
        return image.calibration().toRaw(image.plane(0)[y * image.width() + x]);
    }

    @Test
    void mrInEveryUncompressedTransferSyntax() throws IOException {
        int[] stored = {905, 228, 192, 862, 393}; // pydicom pixel_array at POINTS, identical for all three files
        for (String name : new String[]{"MR_small.dcm", "MR_small_bigendian.dcm", "MR_small_implicit.dcm"}) {
            FloatImage image = read(resource(name));
            assertEquals(64, image.width(), name);
            assertEquals(1, image.channels());
            assertEquals(16, image.bitDepth());
            assertEquals("", image.calibration().unit());
            for (int i = 0; i < POINTS.length; i++) {
                int x = POINTS[i][0], y = POINTS[i][1];
                assertEquals(stored[i], raw(image, x, y), 0.01, name + " at " + x + "," + y);
                // signed 16-bit: level 0 is -32768
                assertEquals((stored[i] + 32768) / 65535.0, image.plane(0)[y * 64 + x], 1e-6);
            }
            // Window Center 600, Width 1600, in stored units (no rescale)
            assertEquals(-200, image.calibration().toRaw(image.window().low()), 0.01);
            assertEquals(1400, image.calibration().toRaw(image.window().high()), 0.01);
        }
    }

    @Test
    void ctRescaleGivesHounsfieldUnits() throws IOException {
        FloatImage image = read(resource("CT_small.dcm"));
        assertEquals(128, image.width());
        assertEquals("HU", image.calibration().unit());
        double[] hu = {-849, -690, 122, 819, -801}; // stored 175, 334, 1146, 1843, 223; slope 1, intercept -1024
        for (int i = 0; i < POINTS.length; i++) assertEquals(hu[i], raw(image, POINTS[i][0], POINTS[i][1]), 0.01);
        assertEquals(990 - 1024, raw(image, 100, 64), 0.01);
        // No window in the file: the data range, stored 128..2191
        assertEquals(128 - 1024, image.calibration().toRaw(image.window().low()), 1e-2);
        assertEquals(2191 - 1024, image.calibration().toRaw(image.window().high()), 1e-2);
    }

    @Test
    void rgb() throws IOException {
        FloatImage image = read(resource("SC_rgb_small_odd.dcm"));
        assertEquals(3, image.width());
        assertEquals(3, image.channels());
        assertEquals(8, image.bitDepth());
        // pydicom rows: (166,141,52) x3, (63,87,176) x3, (158,158,158) x3
        int[][] rows = {{166, 141, 52}, {63, 87, 176}, {158, 158, 158}};
        for (int y = 0; y < 3; y++) {
            for (int c = 0; c < 3; c++) assertEquals(rows[y][c] / 255f, image.plane(c)[y * 3 + 2], 1e-7f);
        }
    }

    @Test
    void monochrome1SignedTwelveBitWithRescaleAndNestedSequence() throws IOException {
        short[] stored = {-2048, -1, 0, 2047};
        ByteBuffer pixels = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : stored) pixels.putShort((short) (0xA000 | (s & 0x0FFF))); // junk above HighBit must be ignored
        byte[] file = new DicomBuilder("1.2.840.10008.1.2.1")
                .text(0x00080060, "CS", "MR")
                .sequenceWithUs(0x00081140, 0x00280010, 1, 0x00280011, 1) // Rows/Columns inside a sequence are not the image's
                .us(0x00280002, 1).text(0x00280004, "CS", "MONOCHROME1")
                .us(0x00280010, 2).us(0x00280011, 2)
                .us(0x00280100, 16).us(0x00280101, 12).us(0x00280102, 11).us(0x00280103, 1)
                .text(0x00281050, "DS", "0\\10").text(0x00281051, "DS", "100\\20")
                .text(0x00281052, "DS", "-10").text(0x00281053, "DS", "2")
                .pixels(pixels.array()).build();
        FloatImage image = read(Files.write(dir.resolve("mono1.dcm"), file));
        assertEquals(12, image.bitDepth());
        // MONOCHROME1: the most negative value is white
        float[] expected = {1, 2048 / 4095f, 2047 / 4095f, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], image.plane(0)[i], 1e-6f);
            assertEquals(2 * stored[i] - 10, image.calibration().toRaw(image.plane(0)[i]), 1e-3);
        }
        // first window, -50..50 in rescaled units, inverted
        assertEquals(50, image.calibration().toRaw(image.window().low()), 0.01);
        assertEquals(-50, image.calibration().toRaw(image.window().high()), 0.01);
    }

    @Test
    void fileWithoutPreambleOrMeta() throws IOException {
        byte[] bytes = Files.readAllBytes(resource("MR_small_implicit.dcm"));
        // (0002,0000) group length is the first meta element: its UL value sits at byte 140
        int groupLength = ByteBuffer.wrap(bytes, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] dataset = Arrays.copyOfRange(bytes, 144 + groupLength, bytes.length);
        FloatImage image = read(Files.write(dir.resolve("acr-nema.dcm"), dataset));
        assertEquals(905, raw(image, 0, 0), 0.01);
        assertEquals(393, raw(image, 5, 50), 0.01);
    }

    private static String failure(Path file) {
        return assertThrows(ImageFileException.class, () -> read(file)).getMessage();
    }

    @Test
    void truncated() {
        assertEquals("MR_truncated.dcm: truncated DICOM (unexpected end of file)", failure(resource("MR_truncated.dcm")));
    }

    @Test
    void compressedMrDecodesLikeTheUncompressedOne() throws IOException {
        FloatImage plain = read(resource("MR_small.dcm"));
        for (String name : new String[]{"MR_small_RLE.dcm"}) {
            FloatImage image = read(resource(name));
            assertEquals(java.util.List.of("decoded from RLE lossless", "signed values offset by 32768 so level 0 is the most negative (-32768)"),
                    image.source().transforms());
            for (int i = 0; i < plain.pixels(); i++) assertEquals(plain.plane(0)[i], image.plane(0)[i], name);
        }
        FloatImage j2k = read(resource("JPEG2000.dcm"));
        assertEquals("decoded from JPEG 2000 (lossy: values differ from the acquired ones)", j2k.source().transforms().get(0));
        FloatImage deflated = read(resource("image_dfl.dcm"));
        assertEquals(213, raw(deflated, 0, 0), 1e-3); // pydicom pixel_array[0, 0]
    }

    @Test
    void sourceInfoSaysWhatWasDone() throws IOException {
        FloatImage ct = read(resource("CT_small.dcm"));
        assertEquals("DICOM", ct.source().format());
        assertEquals(0, ct.source().frame());
        assertEquals(1, ct.source().frames());
        assertEquals(java.util.List.of("signed values offset by 32768 so level 0 is the most negative (-32768)",
                "rescaled to HU = 1 x stored - 1024"), ct.source().transforms());
    }

    @Test
    void hugeRowsAndColumnsAreRefusedBeforeReadingPixels() throws IOException {
        byte[] header = new DicomBuilder("1.2.840.10008.1.2.1")
                .us(0x00280010, 65535).us(0x00280011, 65535).us(0x00280100, 16)
                .pixels(new byte[16]).build();
        Path file = Files.write(dir.resolve("huge.dcm"), header);
        String message = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> failure(file));
        assertEquals("huge.dcm: 65535x65535 = 4295 megapixels exceeds the 100 megapixel limit", message);
    }

    @Test
    void nonImageDicom() throws IOException {
        byte[] plan = new DicomBuilder("1.2.840.10008.1.2.1").text(0x00080060, "CS", "RTPLAN").build();
        assertEquals("plan.dcm: DICOM file has no pixel data", failure(Files.write(dir.resolve("plan.dcm"), plan)));
    }
}
