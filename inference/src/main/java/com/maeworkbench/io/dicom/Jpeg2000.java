package com.maeworkbench.io.dicom;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import jj2000.j2k.util.FacilityManager;
import jj2000.j2k.util.MsgLogger;

import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStreamImpl;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * JPEG 2000 frames through jai-imageio-jpeg2000 (JJ2000), which also undoes the reversible or irreversible
 * component transform of YBR_RCT / YBR_ICT data. The reader is made directly, not looked up by format name,
 * so no other plugin on the class path can take its place. JJ2000 needs guarding: {@link Codestream} checks
 * what it must not see, the input ends with an EOFException (JJ2000's contract, which jai-imageio's adapter
 * breaks by passing on -1: its packet-header reader then reads ones past the end, forever), its warnings are
 * collected so that a truncated codestream is refused rather than decoded in part, and the stack trace it
 * prints before throwing ThreadDeath is kept off the console.
 */
final class Jpeg2000 {

    /** Set while this thread decodes. */
    private static final ThreadLocal<Boolean> DECODING = ThreadLocal.withInitial(() -> false);

    private Jpeg2000() {
    }

    static int[][] decode(DicomHeader h, PixelFormat f, byte[] frame) throws IOException {
        Codestream.check(h, f, frame);
        silenceWhileDecoding();
        ImageReader reader = new J2KImageReaderSpi().createReaderInstance();
        List<String> warnings = new ArrayList<>();
        FacilityManager.registerMsgLogger(Thread.currentThread(), new Warnings(warnings));
        DECODING.set(true);
        try (Bytes in = new Bytes(frame)) {
            reader.setInput(in, true, true);
            int[][] planes = Jpeg.planes(h, f, reader.readRaster(0, null), "JPEG 2000");
            for (String w : warnings) if (w.contains("truncated")) throw h.fail("truncated DICOM JPEG 2000 frame (" + w + ")");
            return planes;
        } catch (RuntimeException e) { // JJ2000 reports corrupt codestreams as runtime exceptions
            if ("Java heap space".equals(e.getMessage())) { // an OutOfMemoryError it caught and rethrew as its message
                throw ImageFiles.outOfMemory(h.path, (OutOfMemoryError) new OutOfMemoryError(e.getMessage()).initCause(e));
            }
            String own = ownSentence(e);
            if (own != null) throw h.fail("corrupt DICOM JPEG 2000 frame (" + own + ")");
            throw new ImageFileException(h.path, "corrupt DICOM JPEG 2000 frame (" + ImageFiles.describe(e) + ")", e);
        } catch (ThreadDeath | EOFException e) { // ThreadDeath: how JJ2000 gives up on a codestream that ends early
            throw new ImageFileException(h.path, "corrupt DICOM JPEG 2000 frame (codestream ends early)", e);
        } finally {
            DECODING.set(false);
            FacilityManager.unregisterMsgLogger(Thread.currentThread());
            reader.dispose();
        }
    }

    /**
     * JJ2000's own sentence ("Codestream too short or bad header."), which is the user's message as it stands,
     * or null when the exception is a bug of its own or wraps the message of one.
     */
    private static String ownSentence(RuntimeException e) {
        String m = e.getMessage();
        boolean own = (e.getClass() == RuntimeException.class || e instanceof IllegalArgumentException) && m != null
                && !m.matches(".*(Cannot |because |uncaught|[a-z]\\.[a-z0-9]+\\.[A-Z]).*");
        return own ? m : null;
    }

    /** A frame's bytes as an image input stream whose single-byte read throws EOFException at the end. */
    private static final class Bytes extends ImageInputStreamImpl {
        private final byte[] data;

        Bytes(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() throws IOException {
            if (streamPos >= data.length) throw new EOFException();
            bitOffset = 0;
            return data[(int) streamPos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (streamPos >= data.length) return -1;
            int n = (int) Math.min(len, data.length - streamPos);
            System.arraycopy(data, (int) streamPos, b, off, n);
            streamPos += n;
            bitOffset = 0;
            return n;
        }

        @Override
        public long length() {
            return data.length;
        }
    }

    /** JJ2000's messages for this thread (the reader drops them otherwise). */
    private record Warnings(List<String> list) implements MsgLogger {
        @Override
        public void printmsg(int severity, String message) {
            if (severity >= WARNING) list.add(message);
        }

        @Override
        public void println(String text, int firstIndent, int indent) {
        }

        @Override
        public void flush() {
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
