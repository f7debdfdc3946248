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
        String stall = stall(frame);
        if (stall != null) throw h.fail("corrupt DICOM JPEG 2000 frame (" + stall + ")");
        silenceWhileDecoding();
        ImageReader reader = new J2KImageReaderSpi().createReaderInstance();
        DECODING.set(true);
        try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(frame)) {
            reader.setInput(in, true, true);
            Jpeg.checkSize(h, f, reader, "JPEG 2000");
            return Jpeg.planes(h, f, reader.readRaster(0, null), "JPEG 2000");
        } catch (RuntimeException e) { // JJ2000 reports corrupt codestreams as runtime exceptions
            throw h.fail("corrupt DICOM JPEG 2000 frame (" + reason(e) + ")");
        } catch (ThreadDeath e) { // and a codestream that ends early by printing a trace and throwing ThreadDeath
            throw h.fail("corrupt DICOM JPEG 2000 frame (codestream ends early)");
        } finally {
            DECODING.set(false);
            reader.dispose();
        }
    }

    /**
     * Why JJ2000 would loop forever on this codestream, or null. Its packet-header bit reader stalls on a 0xFF byte
     * followed by another above 0x8F (bit stuffing never moves on) and on packed packet headers (PPM, PPT) that end
     * early (it reads ones past the end). The standard allows no such pair in tile data but the SOP and EPH markers
     * (ISO 15444-1 A.1.1), so a frame holding one is corrupt; packed headers are refused whole (rare in DICOM).
     */
    static String stall(byte[] d) {
        int p = 0;
        while (p + 1 < d.length && !((d[p] & 0xFF) == 0xFF && (d[p + 1] & 0xFF) == 0x4F)) p++; // SOC, also inside JP2 boxes
        for (p += 2; p + 4 <= d.length; ) {
            int marker = u16(d, p), length = u16(d, p + 2);
            if (marker == 0xFFD9) return null; // EOC
            if (marker == 0xFF60 || marker == 0xFF61) return "packed packet headers (PPM/PPT) are not supported";
            if (marker == 0xFF93) { // SOD: tile data up to the next tile-part (SOT) or the end
                int end = d.length;
                for (int i = p + 2; i + 1 < end; i++) {
                    if ((d[i] & 0xFF) != 0xFF) continue;
                    int next = d[i + 1] & 0xFF;
                    if (next == 0x90 || next == 0xD9) { // SOT, EOC
                        end = i;
                        break;
                    }
                    if (next > 0x8F && next != 0x91 && next != 0x92) return "marker 0xFF" + Integer.toHexString(next).toUpperCase() + " inside tile data";
                }
                p = end;
            } else {
                p += 2 + length;
            }
        }
        return null;
    }

    private static int u16(byte[] d, int i) {
        return (d[i] & 0xFF) << 8 | (d[i + 1] & 0xFF);
    }

    /** JJ2000's own sentence ("Codestream too short or bad header."), unless it wraps the message of a bug of its own. */
    private static String reason(RuntimeException e) {
        String m = e.getMessage();
        boolean own = (e.getClass() == RuntimeException.class || e instanceof IllegalArgumentException) && m != null
                && !m.matches(".*(Cannot |because |uncaught|[a-z]\\.[a-z0-9]+\\.[A-Z]).*");
        return own ? m : ImageFiles.describe(e);
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
