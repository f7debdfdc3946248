package com.maeworkbench.io;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Files under 1 MB that decode to more than a 1.5 GB heap holds (issue 10): each is refused with one line
 * before the memory is allocated, never with an OutOfMemoryError. Tagged so that Maven runs it in the
 * corpora execution, whose JVM has that heap (inference/pom.xml).
 */
@Tag("heap-bound")
class HeapBoundTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void inTheBoundedHeap() {
        assumeTrue(Runtime.getRuntime().maxMemory() <= 1600L << 20, "needs the 1.5 GB heap of the corpora execution (-Xmx1536m)");
    }

    private static String refusal(Path file) throws IOException {
        assertTrue(Files.size(file) < 1 << 20, file + " is " + Files.size(file) + " bytes");
        ImageFileException e = assertThrows(ImageFileException.class, () -> ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS));
        for (Throwable t = e; t != null; t = t.getCause()) assertFalse(t instanceof OutOfMemoryError, e.getMessage());
        return e.getMessage();
    }

    /** 100 megapixels of 8-bit RGB (the pixel cap) in 300 KB: a 300 MB raster and 1.2 GB of float planes. */
    @Test
    void pngOfOneHundredMegapixels() throws IOException {
        int side = 10_000;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (OutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[1 + 3 * side];
            for (int y = 0; y < side; y++) z.write(row);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        PngChunkWriter.write(png, "IHDR", ByteBuffer.allocate(13).putInt(side).putInt(side).put(new byte[]{8, 2, 0, 0, 0}).array());
        PngChunkWriter.write(png, "IDAT", idat.toByteArray());
        PngChunkWriter.write(png, "IEND", new byte[0]);
        Path file = Files.write(dir.resolve("bomb.png"), png.toByteArray());
        String m = refusal(file);
        assertTrue(m.matches("bomb\\.png: decoding needs 1430 MB of memory, \\d+ MB are free \\(raise -Xmx or use a smaller image\\)"), m);
    }

    /** Found by fuzzing BMP: 2 KB of RLE8 declaring 3997720x24, 96 megapixels of palette colour, 1.2 GB to decode. */
    @Test
    void rleBmpOfNinetySixMegapixels() throws IOException {
        Path file = dir.resolve("rle.bmp");
        try (var in = HeapBoundTest.class.getResourceAsStream("/com/maeworkbench/fuzz/BmpFuzzTestInputs/bmp/finding-96-megapixel-rle8-of-2kb")) {
            Files.copy(in, file);
        }
        String m = refusal(file);
        assertTrue(m.matches("rle\\.bmp: decoding needs 1189 MB of memory, \\d+ MB are free \\(raise -Xmx or use a smaller image\\)"), m);
    }

    /** A deflated DICOM dataset of 100 megapixels of 32-bit samples: 400 MB inflated, 2 GB to decode. */
    @Test
    void deflatedDicomOfOneHundredMegapixels() throws IOException {
        String m = refusal(deflatedDicom("pixels.dcm", 10_000, 10_000, 32, 400_000_000L));
        assertTrue(m.matches("pixels\\.dcm: decoding needs 1907 MB of memory, \\d+ MB are free \\(raise -Xmx or use a smaller image\\)"), m);
    }

    /** A deflated DICOM dataset of 600 MB in 600 KB: refused once it inflates past 512 MB. */
    @Test
    void deflateBomb() throws IOException {
        assertEquals("bomb.dcm: deflated DICOM dataset inflates past 512 MB", refusal(deflatedDicom("bomb.dcm", 2, 2, 16, 600_000_000L)));
    }

    private static Path deflatedDicom(String name, int rows, int columns, int bits, long pixelBytes) throws IOException {
        DicomBuilder b = new DicomBuilder("1.2.840.10008.1.2.1.99")
                .us(0x00280010, rows).us(0x00280011, columns).us(0x00280100, bits).pixelsHeader(pixelBytes);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(b.meta());
        try (OutputStream z = new DeflaterOutputStream(file, new Deflater(Deflater.BEST_COMPRESSION, true), 1 << 16)) {
            z.write(b.dataset());
            byte[] zeros = new byte[1 << 20];
            for (long left = pixelBytes; left > 0; left -= zeros.length) z.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
        return Files.write(dir.resolve(name), file.toByteArray());
    }
}
