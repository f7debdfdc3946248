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
        if (sof != null) checkFrameHeader(h, f, sof);
        if (sof != null && sof[1] == 12 && (sof[0] == 0xC0 || sof[0] == 0xC1)) return Jpeg12.decode(h, f, frame);
        ImageReader reader = twelveMonkeys();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(frame)) {
            reader.setInput(in, true, true);
            checkSize(h, f, reader); // where our scan for SOFn found none
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

    /**
     * The frame header (SOFn) must declare the DICOM header's size and samples, and a precision JPEG allows,
     * before anything is decoded: a frame is decoded at its own size, which the pixel cap has not seen, and
     * TwelveMonkeys' lossless decoder decodes a whole frame before it refuses its precision (25 megapixels of
     * noise, 5 s, for a frame of 101 bytes declaring precision 0).
     */
    private static void checkFrameHeader(DicomHeader h, PixelFormat f, int[] sof) throws IOException {
        mismatch(h, f, "JPEG", sof[3], sof[2], sof[4]);
        boolean lossless = sof[0] == 0xC3 || sof[0] == 0xC7 || sof[0] == 0xCB || sof[0] == 0xCF;
        if (lossless ? sof[1] < 2 || sof[1] > 16 : sof[1] != 8 && sof[1] != 12) {
            throw h.fail("corrupt DICOM JPEG frame (" + (lossless ? "lossless" : "DCT") + " precision " + sof[1] + ")");
        }
    }

    /** Refuses a codestream whose own size or sample count is not the DICOM header's. */
    static void mismatch(DicomHeader h, PixelFormat f, String codec, long width, long height, int samples) throws IOException {
        if (width != f.columns() || height != f.rows() || samples != f.samples()) {
            throw h.fail("DICOM " + codec + " frame is " + width + "x" + height + "x" + samples + ", the header says "
                    + f.columns() + "x" + f.rows() + "x" + f.samples());
        }
    }

    /** The codestream must declare the header's size: it is decoded at its own size, which the pixel cap has not seen. */
    private static void checkSize(DicomHeader h, PixelFormat f, ImageReader reader) throws IOException {
        int width = reader.getWidth(0), height = reader.getHeight(0);
        if (width != f.columns() || height != f.rows()) mismatch(h, f, "JPEG", width, height, f.samples());
    }

    /** The raster's bands as int planes, after checking they match the header. */
    static int[][] planes(DicomHeader h, PixelFormat f, Raster raster, String codec) throws IOException {
        mismatch(h, f, codec, raster.getWidth(), raster.getHeight(), raster.getNumBands());
        int w = f.columns(), rows = f.rows();
        int[][] planes = new int[f.samples()][];
        for (int b = 0; b < planes.length; b++) planes[b] = raster.getSamples(raster.getMinX(), raster.getMinY(), w, rows, b, new int[w * rows]);
        return planes;
    }
}
