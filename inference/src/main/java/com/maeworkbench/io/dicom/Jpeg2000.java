package com.maeworkbench.io.dicom;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import com.maeworkbench.io.ImageFiles;

import javax.imageio.ImageReader;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/**
 * JPEG 2000 frames through jai-imageio-jpeg2000 (JJ2000), which also undoes the reversible or irreversible
 * component transform of YBR_RCT / YBR_ICT data. The reader is made directly, not looked up by format name,
 * so no other plugin on the class path can take its place.
 */
final class Jpeg2000 {

    /** Set while this thread decodes: JJ2000 prints a stack trace to System.err for a codestream that ends early. */
    private static final ThreadLocal<Boolean> DECODING = ThreadLocal.withInitial(() -> false);

    private Jpeg2000() {
    }

    static int[][] decode(DicomHeader h, PixelFormat f, byte[] frame) throws IOException {
        silenceWhileDecoding();
        ImageReader reader = new J2KImageReaderSpi().createReaderInstance();
        DECODING.set(true);
        try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(frame)) {
            reader.setInput(in, true, true);
            Jpeg.checkSize(h, f, reader, "JPEG 2000");
            return Jpeg.planes(h, f, reader.readRaster(0, null), "JPEG 2000");
        } catch (RuntimeException e) { // JJ2000 reports corrupt codestreams as runtime exceptions, and fails on some
            boolean report = e.getClass() == RuntimeException.class || e instanceof IllegalArgumentException;
            throw h.fail("corrupt DICOM JPEG 2000 frame (" + (report && e.getMessage() != null ? e.getMessage() : ImageFiles.describe(e)) + ")");
        } catch (ThreadDeath e) { // and a codestream that ends early by printing a trace and throwing ThreadDeath
            throw h.fail("corrupt DICOM JPEG 2000 frame (codestream ends early)");
        } finally {
            DECODING.set(false);
            reader.dispose();
        }
    }

    /**
     * Puts a filter in front of System.err and System.out (once) that drops what a thread writes while it decodes
     * here: the CLI and app must show one line, not JJ2000's trace. Other threads' output passes unchanged.
     */
    private static synchronized void silenceWhileDecoding() {
        if (!(System.err instanceof Silenceable)) System.setErr(new Silenceable(System.err));
        if (!(System.out instanceof Silenceable)) System.setOut(new Silenceable(System.out));
    }

    private static final class Silenceable extends PrintStream {
        Silenceable(PrintStream target) {
            super(new FilterOutputStream(target) {
                @Override
                public void write(int b) throws IOException {
                    if (!DECODING.get()) out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (!DECODING.get()) out.write(b, off, len);
                }
            }, true);
        }
    }
}
