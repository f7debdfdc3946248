package com.maeworkbench.io;

import com.maeworkbench.image.FloatImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** 32-bit float TIFF (issue 9 item 6): real values, normalised by their range, the range kept in the calibration. */
class FloatTiffTest {

    @TempDir
    Path dir;

    /** A gray float TIFF written by the JDK's TIFF writer (SampleFormat 3, 32 bits). */
    private Path floatTiff(String name, float... values) throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster raster = cm.createCompatibleWritableRaster(values.length, 1);
        for (int x = 0; x < values.length; x++) raster.setSample(x, 0, 0, values[x]);
        Path file = dir.resolve(name);
        ImageWriter writer = null;
        for (var it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) writer = w;
        }
        try (FileImageOutputStream out = new FileImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(new BufferedImage(cm, raster, false, null));
        } finally {
            writer.dispose();
        }
        return file;
    }

    @Test
    void unitFloatsKeepTheirValues() throws IOException {
        FloatImage image = ImageFiles.read(floatTiff("unit.tif", 0f, 0.25f, 0.5f, 1f), ImageFiles.DEFAULT_MAX_PIXELS);
        float[] expected = {0, 0.25f, 0.5f, 1};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], image.plane(0)[i], 1e-6f); // 0.5 was 188/255 through 8-bit sRGB
            assertEquals(expected[i], image.calibration().toRaw(image.plane(0)[i]), 1e-6);
        }
        assertEquals(List.of("floating-point values 0..1 normalised by their range to 0..1"), image.source().transforms());
        assertEquals("TIFF", image.source().format());
    }

    @Test
    void largeFloatsAreNormalisedByTheirRangeAndReadBackInTheirUnits() throws IOException {
        FloatImage image = ImageFiles.read(floatTiff("wide.tif", -200f, 0f, 300f, 800f), ImageFiles.DEFAULT_MAX_PIXELS);
        assertEquals(0f, image.plane(0)[0], 1e-6f);
        assertEquals(1f, image.plane(0)[3], 1e-6f); // was all 255 before
        assertEquals(0.5f, image.plane(0)[2], 1e-6f);
        assertEquals(300, image.calibration().toRaw(image.plane(0)[2]), 1e-3);
        assertEquals(16, image.bitDepth());
    }

    @Test
    void nanIsRefusedInOneLine() throws IOException {
        Path file = floatTiff("nan.tif", 0f, Float.NaN);
        assertEquals("nan.tif: corrupt TIFF data (float samples hold NaN or infinite values)",
                org.junit.jupiter.api.Assertions.assertThrows(ImageFileException.class,
                        () -> ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS)).getMessage());
    }
}
