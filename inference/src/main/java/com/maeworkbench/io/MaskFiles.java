package com.maeworkbench.io;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Path;

/** Masks as 8-bit gray PNG: white marks missing pixels (to restore), black marks known ones. */
public final class MaskFiles {

    private MaskFiles() {
    }

    /**
     * Reads a mask image of any readable format; a pixel is missing where its intensity (luma for colour)
     * is at least half. The mask must match the image it belongs to.
     */
    public static Mask read(Path path, int expectedWidth, int expectedHeight) throws ImageFileException {
        // the image was already accepted, so its mask may be as large even beyond the default limit
        FloatImage image = ImageFiles.read(path, Math.max(ImageFiles.DEFAULT_MAX_PIXELS, (long) expectedWidth * expectedHeight));
        if (image.width() != expectedWidth || image.height() != expectedHeight) {
            throw new ImageFileException(path, "mask is " + image.width() + "x" + image.height()
                    + " but the image is " + expectedWidth + "x" + expectedHeight);
        }
        float[] luma = image.luma();
        boolean[] missing = new boolean[luma.length];
        for (int i = 0; i < luma.length; i++) missing[i] = luma[i] >= 0.5f;
        return new Mask(image.width(), image.height(), missing);
    }

    /** Writes a {@code .png} mask (0 = known, 255 = missing), replacing any existing file atomically. */
    public static void write(Mask mask, Path path) throws ImageFileException {
        if (!ImageFiles.extension(path).equals("png")) throw new ImageFileException(path, "masks are written as .png files");
        BufferedImage image = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        int w = mask.width();
        int[] row = new int[w];
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < w; x++) row[x] = mask.missing()[y * w + x] ? 255 : 0;
            raster.setSamples(0, y, w, 1, 0, row);
        }
        ImageFiles.writeAtomically(image, "png", path);
    }
}
