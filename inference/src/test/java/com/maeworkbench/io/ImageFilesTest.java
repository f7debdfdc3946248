package com.maeworkbench.io;

import com.maeworkbench.image.FloatImage;
import com.twelvemonkeys.imageio.color.ColorSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Round trips through every supported format; inputs are generated here, not committed. */
class ImageFilesTest {

    @TempDir
    Path dir;

    /** Random exact levels of a {@code bits}-bit image, normalised. */
    static float[] levels(int n, int bits, long seed) {
        Random rnd = new Random(seed);
        int max = (1 << bits) - 1;
        float[] p = new float[n];
        for (int i = 0; i < n; i++) p[i] = rnd.nextInt(max + 1) / (float) max;
        p[0] = 0;
        p[n - 1] = 1;
        return p;
    }

    private FloatImage roundTrip(FloatImage image, String name) throws IOException {
        Path file = dir.resolve(name);
        ImageFiles.write(image, file);
        return ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
    }

    private static void assertSamePlanes(FloatImage expected, FloatImage actual) {
        assertEquals(expected.width(), actual.width());
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.channels(), actual.channels());
        for (int c = 0; c < expected.channels(); c++) assertArrayEquals(expected.plane(c), actual.plane(c), 1e-7f);
    }

    @Test
    void pngAndTiffRoundTripExactly() throws IOException {
        for (String ext : List.of("png", "tif", "tiff")) {
            for (int bits : new int[]{8, 16}) {
                FloatImage gray = FloatImage.of(37, 23, bits, levels(37 * 23, bits, 1));
                FloatImage rgb = FloatImage.of(19, 11, bits, levels(209, bits, 2), levels(209, bits, 3), levels(209, bits, 4));
                for (FloatImage image : List.of(gray, rgb)) {
                    FloatImage back = roundTrip(image, "img" + bits + "-" + image.channels() + "." + ext);
                    assertSamePlanes(image, back);
                    assertEquals(bits, back.bitDepth(), ext + " " + bits);
                    assertEquals(image.calibration(), back.calibration());
                    assertFalse(back.source().alphaDropped());
                }
            }
        }
    }

    @Test
    void sixteenBitPngIsReallySixteenBit() throws IOException {
        Path file = dir.resolve("deep.png");
        ImageFiles.write(FloatImage.of(4, 4, 16, levels(16, 16, 5)), file);
        assertEquals(16, ImageIO.read(file.toFile()).getSampleModel().getSampleSize(0));
    }

    @Test
    void twelveBitLevelsSurviveAsFullRangeSixteenBit() throws IOException {
        FloatImage image = FloatImage.of(64, 64, 12, levels(4096, 12, 6));
        FloatImage back = roundTrip(image, "ct.png");
        assertEquals(16, back.bitDepth());
        for (int i = 0; i < 4096; i++) {
            assertEquals(Math.round(image.plane(0)[i] * 4095), Math.round(back.plane(0)[i] * 4095), "pixel " + i);
        }
    }

    @Test
    void onePixelImage() throws IOException {
        FloatImage one = FloatImage.of(1, 1, 8, new float[]{128 / 255f});
        assertSamePlanes(one, roundTrip(one, "one.png"));
    }

    @Test
    void paletteBecomesRgbUnlessItIsGray() throws IOException {
        byte[] r = {0, (byte) 255, 10, 0}, g = {0, 0, (byte) 200, 0}, b = {0, 0, 30, (byte) 255};
        BufferedImage colour = paletteImage(new IndexColorModel(2, 4, r, g, b));
        Path file = dir.resolve("palette.png");
        ImageIO.write(colour, "png", file.toFile());
        FloatImage back = ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(3, back.channels());
        assertEquals(8, back.bitDepth());
        int i = 5 * 8 + 1; // palette index 2 at (1, 5), see paletteImage
        assertEquals(10 / 255f, back.plane(0)[i], 1e-7f);
        assertEquals(200 / 255f, back.plane(1)[i], 1e-7f);
        assertEquals(30 / 255f, back.plane(2)[i], 1e-7f);

        byte[] grays = {0, 85, (byte) 170, (byte) 255};
        Path grayFile = dir.resolve("gray-palette.png");
        ImageIO.write(paletteImage(new IndexColorModel(2, 4, grays, grays, grays)), "png", grayFile.toFile());
        FloatImage gray = ImageFiles.read(grayFile, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(1, gray.channels());
        assertEquals(170 / 255f, gray.plane(0)[i], 1e-7f);
    }

    @Test
    void oneBitGrayPng() throws IOException {
        BufferedImage bits = new BufferedImage(9, 2, BufferedImage.TYPE_BYTE_BINARY);
        bits.getRaster().setSample(8, 1, 0, 1);
        Path file = dir.resolve("bits.png");
        ImageIO.write(bits, "png", file.toFile());
        FloatImage image = ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(1, image.channels());
        float[] expected = new float[18];
        expected[17] = 1;
        assertArrayEquals(expected, image.plane(0));
    }

    /** 8x6, pixel (x, y) holds palette index (x + y) % 4. */
    private static BufferedImage paletteImage(IndexColorModel palette) {
        BufferedImage image = new BufferedImage(8, 6, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int y = 0; y < 6; y++) for (int x = 0; x < 8; x++) image.getRaster().setSample(x, y, 0, (x + y) % 4);
        return image;
    }

    @Test
    void alphaIsDroppedAndFlagged() throws IOException {
        ComponentColorModel grayAlpha = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = grayAlpha.createCompatibleWritableRaster(5, 3);
        for (int i = 0; i < 15; i++) raster.setPixel(i % 5, i / 5, new int[]{i * 17, 255 - i});
        Path ga = dir.resolve("gray-alpha.png");
        ImageIO.write(new BufferedImage(grayAlpha, raster, false, null), "png", ga.toFile());
        FloatImage gray = ImageFiles.read(ga, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(1, gray.channels());
        assertTrue(gray.source().alphaDropped());
        for (int i = 0; i < 15; i++) assertEquals(i * 17 / 255f, gray.plane(0)[i], 1e-7f);

        BufferedImage rgba = new BufferedImage(4, 2, BufferedImage.TYPE_4BYTE_ABGR);
        rgba.getRaster().setPixel(1, 1, new int[]{10, 20, 30, 40}); // translucent, not premultiplied
        Path file = dir.resolve("rgba.png");
        ImageIO.write(rgba, "png", file.toFile());
        FloatImage rgb = ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(3, rgb.channels());
        assertTrue(rgb.source().alphaDropped());
        assertEquals(10 / 255f, rgb.plane(0)[5], 1e-7f);
        assertEquals(20 / 255f, rgb.plane(1)[5], 1e-7f);
        assertEquals(30 / 255f, rgb.plane(2)[5], 1e-7f);
    }

    private static BufferedImage gradient(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) image.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | 128);
        }
        return image;
    }

    static byte[] jpeg(BufferedImage image, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (progressive) param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        Path temp = Files.createTempFile("test", ".jpg");
        try (FileImageOutputStream out = new FileImageOutputStream(temp.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] bytes = Files.readAllBytes(temp);
        Files.delete(temp);
        return bytes;
    }

    @Test
    void baselineAndProgressiveJpeg() throws IOException {
        BufferedImage source = gradient(96, 64);
        for (boolean progressive : new boolean[]{false, true}) {
            byte[] bytes = jpeg(source, progressive);
            assertEquals(progressive, indexOf(bytes, (byte) 0xFF, (byte) 0xC2) >= 0, "SOF2 marks a progressive JPEG");
            Path file = dir.resolve("photo" + progressive + ".jpg");
            Files.write(file, bytes);
            FloatImage image = ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
            assertEquals(96, image.width());
            assertEquals(3, image.channels());
            double error = 0;
            for (int i = 0; i < image.pixels(); i++) {
                int rgb = source.getRGB(i % 96, i / 96);
                error += Math.abs(image.plane(0)[i] - ((rgb >> 16) & 0xFF) / 255f) + Math.abs(image.plane(1)[i] - ((rgb >> 8) & 0xFF) / 255f);
            }
            assertTrue(error / (2 * image.pixels()) < 0.01, "mean error " + error / (2 * image.pixels()));
        }
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws IOException {
        // TwelveMonkeys writes a real Adobe CMYK JPEG (checked with Pillow: mode CMYK, adobe_transform 0).
        ColorSpace cmyk = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
        ComponentColorModel cm = new ComponentColorModel(cmyk, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(16, 8);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 16; x++) raster.setPixel(x, y, new int[]{0, 0, 0, x < 8 ? 0 : 255});
        byte[] bytes = jpeg(new BufferedImage(cm, raster, false, null), false);
        int sof = indexOf(bytes, (byte) 0xFF, (byte) 0xC0);
        assertEquals(4, bytes[sof + 9], "four components in the frame header");
        Path file = dir.resolve("print.jpg");
        Files.write(file, bytes);
        FloatImage image = ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(3, image.channels());
        for (int c = 0; c < 3; c++) {
            assertTrue(image.plane(c)[4 * 16 + 2] > 0.9f, "no ink is white");
            assertTrue(image.plane(c)[4 * 16 + 13] < 0.25f, "full black ink is dark");
        }
    }

    static int indexOf(byte[] bytes, byte a, byte b) {
        for (int i = 0; i + 1 < bytes.length; i++) if (bytes[i] == a && bytes[i + 1] == b) return i;
        return -1;
    }

    @Test
    void bmp() throws IOException {
        BufferedImage source = gradient(13, 7);
        Path file = dir.resolve("old.bmp");
        assertTrue(ImageIO.write(source, "bmp", file.toFile()));
        FloatImage image = ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(8, image.bitDepth());
        for (int i = 0; i < image.pixels(); i++) {
            int rgb = source.getRGB(i % 13, i / 13);
            assertEquals(((rgb >> 16) & 0xFF) / 255f, image.plane(0)[i], 1e-7f);
            assertEquals((rgb & 0xFF) / 255f, image.plane(2)[i], 1e-7f);
        }
    }

    @Test
    void sixteenBitPgmAndEightBitPpm() throws IOException {
        int[] samples = {0, 1, 4095, 32768, 65534, 65535};
        ByteArrayOutputStream pgm = new ByteArrayOutputStream();
        pgm.writeBytes("P5\n3 2\n65535\n".getBytes(StandardCharsets.US_ASCII));
        for (int s : samples) { // big endian, as the format requires
            pgm.write(s >> 8);
            pgm.write(s);
        }
        Path file = dir.resolve("scan.pgm");
        Files.write(file, pgm.toByteArray());
        FloatImage gray = ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(16, gray.bitDepth());
        for (int i = 0; i < samples.length; i++) assertEquals(samples[i] / 65535f, gray.plane(0)[i], 1e-9f);

        Path ppm = dir.resolve("tiny.ppm");
        Files.write(ppm, ("P6\n2 1\n255\n" + "\u0001\u0002\u0003\u00fe\u00fd\u00fc").getBytes(StandardCharsets.ISO_8859_1));
        FloatImage rgb = ImageFiles.read(ppm, ImageFiles.DEFAULT_MAX_PIXELS);
        assertArrayEquals(new float[]{1 / 255f, 254 / 255f}, rgb.plane(0), 1e-7f);
        assertArrayEquals(new float[]{3 / 255f, 252 / 255f}, rgb.plane(2), 1e-7f);
    }

    @Test
    void formatIsDetectedByContentNotExtension() throws IOException {
        FloatImage image = FloatImage.of(3, 2, 8, levels(6, 8, 7));
        Path png = dir.resolve("really.png");
        ImageFiles.write(image, png);
        Path misnamed = Files.move(png, dir.resolve("really.jpg"));
        assertSamePlanes(image, ImageFiles.read(misnamed, ImageFiles.DEFAULT_MAX_PIXELS));
    }

    @Test
    void packedPixelsFallBackToEightBitRgb() throws IOException {
        BufferedImage packed = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        packed.setRGB(1, 0, 0x102030);
        FloatImage image = Rasters.toFloatImage(packed);
        assertEquals(3, image.channels());
        assertArrayEquals(new float[]{0, 0x10 / 255f}, image.plane(0), 1e-7f);
        assertArrayEquals(new float[]{0, 0x30 / 255f}, image.plane(2), 1e-7f);
    }

    @Test
    void writeReplacesExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("out.png");
        Files.writeString(file, "old contents");
        FloatImage image = FloatImage.of(2, 2, 8, levels(4, 8, 8));
        ImageFiles.write(image, file);
        assertSamePlanes(image, ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void failedWriteLeavesNothingBehind() throws IOException {
        Path blocked = Files.createDirectory(dir.resolve("blocked.png"));
        Files.writeString(blocked.resolve("inside"), "a non-empty directory cannot be replaced");
        ImageFileException e = assertThrows(ImageFileException.class,
                () -> ImageFiles.write(FloatImage.of(2, 2, 8, new float[4]), blocked));
        assertTrue(e.getMessage().startsWith("blocked.png: cannot write ("), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(blocked), files.toList());
        }
    }

    @Test
    void unknownOutputExtensionIsRefused() {
        Path file = dir.resolve("out.jpg");
        ImageFileException e = assertThrows(ImageFileException.class,
                () -> ImageFiles.write(FloatImage.of(2, 2, 8, new float[4]), file));
        assertEquals("out.jpg: cannot write '.jpg' files (use .png, .tif or .tiff)", e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void resultsKeepTheSourceContainerWhereItHoldsTheBitDepth() throws IOException {
        FloatImage rgb16 = FloatImage.of(5, 4, 16, levels(20, 16, 1), levels(20, 16, 2), levels(20, 16, 3));
        for (String source : List.of("scan.TIFF", "scan.tif", "photo.png", "photo.jpg", "ct.dcm", "slice.pgm", "noext")) {
            String ext = ImageFiles.resultExtension(Path.of("in", source));
            assertEquals(source.toLowerCase().contains(".tif") ? "tif" : "png", ext, source);
            FloatImage back = roundTrip(rgb16, "restored-" + source.replace('.', '-') + "." + ext);
            assertEquals(16, back.bitDepth(), source);
            assertSamePlanes(rgb16, back);
        }
    }
}
