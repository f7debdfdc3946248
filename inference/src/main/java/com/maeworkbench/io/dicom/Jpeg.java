package com.maeworkbench.io.dicom;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * JPEG frames: baseline, extended 8-bit, progressive and lossless (SOF3, 2-16 bits) through TwelveMonkeys,
 * read as a raster so the components come as stored (the DICOM photometric interpretation, not JPEG markers,
 * says whether they are YCbCr). TwelveMonkeys delegates DCT decoding to the JDK's 8-bit libjpeg, which
 * refuses 12-bit precision ("Unsupported JPEG data precision 12"), so 12-bit DCT frames go to {@link Jpeg12}.
 */
final class Jpeg {

    private Jpeg() {
    }

    static int[][] decode(DicomHeader h, PixelFormat f, byte[] frame) throws IOException {
        int[] sof = Jpeg12.frameHeader(frame);
        if (sof != null && sof[1] == 12 && (sof[0] == 0xC0 || sof[0] == 0xC1)) return Jpeg12.decode(h, f, frame);
        ImageReader reader = twelveMonkeys();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(frame)) {
            reader.setInput(in, true, true);
            Raster raster = reader.readRaster(0, null);
            for (String w : warnings) {
                String lower = w.toLowerCase(Locale.ROOT);
                if (lower.contains("truncated") || lower.contains("premature end")) throw h.fail("truncated DICOM JPEG frame (" + w + ")");
            }
            return planes(h, f, raster, "JPEG");
        } finally {
            reader.dispose();
        }
    }

    /** Looked up in the registry, where TwelveMonkeys' reader finds the JDK's reader it delegates DCT decoding to. */
    private static ImageReader twelveMonkeys() {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
            ImageReader reader = it.next();
            if (reader.getClass().getName().startsWith("com.twelvemonkeys.")) return reader;
        }
        throw new IllegalStateException("TwelveMonkeys imageio-jpeg is not on the class path");
    }

    /** The raster's bands as int planes, after checking they match the header. */
    static int[][] planes(DicomHeader h, PixelFormat f, Raster raster, String codec) throws IOException {
        if (raster.getWidth() != f.columns() || raster.getHeight() != f.rows() || raster.getNumBands() != f.samples()) {
            throw h.fail("DICOM " + codec + " frame is " + raster.getWidth() + "x" + raster.getHeight() + "x" + raster.getNumBands()
                    + ", the header says " + f.columns() + "x" + f.rows() + "x" + f.samples());
        }
        int w = f.columns(), rows = f.rows();
        int[][] planes = new int[f.samples()][];
        for (int b = 0; b < planes.length; b++) planes[b] = raster.getSamples(raster.getMinX(), raster.getMinY(), w, rows, b, new int[w * rows]);
        return planes;
    }
}
