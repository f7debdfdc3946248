package com.maeworkbench.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FloatTiffRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void roundTripIsBitExact() throws IOException {
        int w = 37, h = 23;
        float[] v = new float[w * h];
        Random rnd = new Random(3);
        for (int i = 0; i < v.length; i++) v[i] = i % 3 == 0 ? 0 : rnd.nextFloat() * 0.3f;
        v[1] = Float.MIN_VALUE;
        v[2] = 1e-7f;
        v[4] = 123456.78f;
        Path file = dir.resolve("map.tif");
        FloatTiff.write(w, h, v, file);
        assertArrayEquals(v, FloatTiff.read(file));
        byte[] head = Files.readAllBytes(file);
        assertTrue(head[0] == 'I' && head[1] == 'I' && head[2] == 42, "a little-endian TIFF (Pillow 9 misreads big-endian compressed floats)");
        assertEquals(0, Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "no temp file left");
    }

    @Test
    void refusesWhatIsNotAOnePlaneFloatTiff() throws IOException {
        Path png = dir.resolve("gray.tif");
        ImageFiles.write(com.maeworkbench.image.FloatImage.of(4, 4, 8, new float[16]), png);
        ImageFileException e = assertThrows(ImageFileException.class, () -> FloatTiff.read(png));
        assertTrue(e.getMessage().startsWith("gray.tif: not a one-plane 32-bit float TIFF"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FloatTiff.write(4, 4, new float[15], dir.resolve("x.tif")));
    }
}
