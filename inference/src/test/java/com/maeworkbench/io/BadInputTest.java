package com.maeworkbench.io;

import com.maeworkbench.image.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken, hostile and odd inputs: each must fail with one clean line naming the file. */
class BadInputTest {

    @TempDir
    Path dir;

    private String failure(Path file) {
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS));
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("Exception") || message.contains("\tat "), message);
        assertTrue(message.startsWith(file.getFileName() + ": "), message);
        assertEquals(file, e.file());
        return message;
    }

    /** A real 64x64 noisy RGB PNG, big enough that cutting or flipping lands in the pixel data. */
    private byte[] png() throws IOException {
        Random rnd = new Random(42);
        float[][] planes = new float[3][64 * 64];
        for (float[] p : planes) for (int i = 0; i < p.length; i++) p[i] = rnd.nextInt(256) / 255f;
        Path file = dir.resolve("source.png");
        ImageFiles.write(FloatImage.of(64, 64, 8, planes), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.delete(file);
        return bytes;
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.write(dir.resolve("empty.png"), new byte[0]);
        assertEquals("empty.png: file is empty", failure(file));
    }

    @Test
    void textRenamedToPng() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "Shopping list:\n- milk\n- eggs\n");
        assertEquals("notes.png: not a recognised image format", failure(file));
    }

    @Test
    void missingFileAndDirectory() throws IOException {
        assertEquals("gone.png: file not found", failure(dir.resolve("gone.png")));
        assertEquals("folder.png: is a directory", failure(Files.createDirectory(dir.resolve("folder.png"))));
    }

    @Test
    void truncatedPng() throws IOException {
        byte[] png = png();
        Path file = Files.write(dir.resolve("scan.png"), Arrays.copyOf(png, png.length / 2));
        assertEquals("scan.png: truncated PNG (unexpected end of file)", failure(file));
    }

    @Test
    void bitFlippedPng() throws IOException {
        byte[] png = png();
        png[png.length / 2] ^= 0x10;
        Path file = Files.write(dir.resolve("flipped.png"), png);
        assertEquals("flipped.png: corrupt PNG (CRC mismatch in IDAT chunk)", failure(file));
    }

    @Test
    void bitFlippedPalette() throws IOException {
        byte[] r = {0, (byte) 255}, g = {0, 0}, b = {0, 0};
        java.awt.image.BufferedImage palette = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_BYTE_BINARY,
                new java.awt.image.IndexColorModel(1, 2, r, g, b));
        Path file = dir.resolve("palette.png");
        javax.imageio.ImageIO.write(palette, "png", file.toFile());
        byte[] png = Files.readAllBytes(file);
        png[ImageFilesTest.indexOf(png, (byte) 'P', (byte) 'L') + 4 + 3] ^= 0x01; // red of entry 1, unguarded but for the CRC
        Files.write(file, png);
        assertEquals("palette.png: corrupt PNG (CRC mismatch in PLTE chunk)", failure(file));
    }

    @Test
    void truncatedJpeg() throws IOException {
        Random rnd = new Random(1);
        java.awt.image.BufferedImage noise = new java.awt.image.BufferedImage(256, 256, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 256; y++) for (int x = 0; x < 256; x++) noise.setRGB(x, y, rnd.nextInt());
        for (boolean progressive : new boolean[]{false, true}) {
            byte[] jpeg = ImageFilesTest.jpeg(noise, progressive);
            Path file = Files.write(dir.resolve("cut" + progressive + ".jpg"), Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
            assertEquals(file.getFileName() + ": truncated JPEG (unexpected end of file)", failure(file));
        }
    }

    /** A few hundred bytes declaring 60000x60000: must be refused from the header, quickly, within the default heap. */
    @Test
    void decompressionBombIsRefusedFromTheHeader() throws IOException {
        Path file = Files.write(dir.resolve("big.png"), pngHeaderOnly(60000, 60000));
        assertTrue(Files.size(file) < 200);
        String message = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> failure(file));
        assertEquals("big.png: 60000x60000 = 3600 megapixels exceeds the 100 megapixel limit", message);
    }

    @Test
    void callerLimitIsHonoured() throws IOException {
        Path file = Files.write(dir.resolve("small.png"), png());
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file, 4000));
        assertEquals("small.png: 64x64 = 4096 pixels exceeds the 4000 pixel limit", e.getMessage());
        assertEquals(64, ImageFiles.read(file, 4096).width());
    }

    /** Signature, a valid IHDR (8-bit gray) and one small IDAT with one row of zeros, then IEND. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        PngChunkWriter.write(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[]{8, 0, 0, 0, 0}).array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1 + width]);
        deflater.finish();
        byte[] idat = new byte[1024];
        int n = deflater.deflate(idat);
        PngChunkWriter.write(out, "IDAT", Arrays.copyOf(idat, n));
        PngChunkWriter.write(out, "IEND", new byte[0]);
        return out.toByteArray();
    }
}
