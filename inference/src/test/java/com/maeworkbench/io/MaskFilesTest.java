package com.maeworkbench.io;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskFilesTest {

    @TempDir
    Path dir;

    @Test
    void roundTripAsBlackAndWhitePng() throws IOException {
        Mask mask = MaskShapes.strokes(40, 30, 4, 7);
        assertFalse(mask.isEmpty());
        Path file = dir.resolve("mask.png");
        MaskFiles.write(mask, file);
        assertTrue(MaskFiles.read(file, 40, 30).sameContent(mask));

        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, png.getType());
        assertEquals(mask.isMissing(3, 4) ? 255 : 0, png.getRaster().getSample(3, 4, 0));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void halfIntensityAndAboveIsMissing() throws IOException {
        Path file = dir.resolve("drawn.png");
        ImageFiles.write(FloatImage.of(4, 1, 8, new float[]{0, 127 / 255f, 128 / 255f, 1}), file);
        assertArrayEquals(new boolean[]{false, false, true, true}, MaskFiles.read(file, 4, 1).missing());

        Path colour = dir.resolve("colour.png");
        ImageFiles.write(FloatImage.of(2, 1, 8, new float[]{1, 0}, new float[]{1, 0}, new float[]{1, 1}), colour);
        assertArrayEquals(new boolean[]{true, false}, MaskFiles.read(colour, 2, 1).missing(), "white missing, blue known");
    }

    @Test
    void sizeMismatchNamesBothSizes() throws IOException {
        Path file = dir.resolve("m.png");
        MaskFiles.write(Mask.empty(4, 3), file);
        ImageFileException e = assertThrows(ImageFileException.class, () -> MaskFiles.read(file, 5, 3));
        assertEquals("m.png: mask is 4x3 but the image is 5x3", e.getMessage());
    }

    @Test
    void masksAreWrittenAsPngOnly() {
        Path file = dir.resolve("m.tif");
        ImageFileException e = assertThrows(ImageFileException.class, () -> MaskFiles.write(Mask.empty(2, 2), file));
        assertEquals("m.tif: masks are written as .png files", e.getMessage());
        assertFalse(Files.exists(file));
    }
}
