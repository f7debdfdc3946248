package com.maeworkbench.io.dicom;

import com.maeworkbench.io.ImageFileException;

/**
 * DICOM RLE lossless (PS3.5 Annex G), written here because no kept Java library decodes it (it is a DICOM-only
 * format, small enough to write): a 64-byte header of up to 15 segment offsets, each segment one byte plane
 * (most significant byte of each sample first, then sample by sample) coded as PackBits.
 */
final class Rle {

    private Rle() {
    }

    static int[][] decode(DicomHeader h, PixelFormat f, byte[] frame) throws ImageFileException {
        int bytesPerSample = f.bitsAllocated() / 8, samples = f.samples(), n = f.pixels();
        int segments = bytesPerSample * samples;
        if (frame.length < 64) throw h.fail("corrupt DICOM RLE frame (no segment header)");
        int declared = (int) FrameDecoder.word(frame, 0, 4, true);
        if (declared != segments) throw h.fail("corrupt DICOM RLE frame: " + declared + " segments, " + segments + " expected");
        int[][] planes = new int[samples][n];
        byte[] plane = new byte[n];
        for (int s = 0; s < segments; s++) {
            long start = FrameDecoder.word(frame, 4 + 4 * s, 4, true);
            long end = s + 1 < segments ? FrameDecoder.word(frame, 8 + 4 * s, 4, true) : frame.length;
            if (start < 64 || end > frame.length || end < start) throw h.fail("corrupt DICOM RLE segment offsets");
            unpack(h, frame, (int) start, (int) end, plane);
            int[] target = planes[s / bytesPerSample];
            int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            for (int i = 0; i < n; i++) target[i] |= (plane[i] & 0xFF) << shift;
        }
        return planes;
    }

    /** PackBits: a header byte n, then n + 1 literal bytes (n >= 0) or one byte repeated 1 - n times (n < 0; -128 is a no-op). */
    private static void unpack(DicomHeader h, byte[] in, int from, int to, byte[] out) throws ImageFileException {
        int o = 0, i = from;
        while (o < out.length && i < to) {
            int header = in[i++];
            if (header >= 0) {
                int count = header + 1;
                if (i + count > to || o + count > out.length) throw h.fail("corrupt DICOM RLE segment (literal run overflows)");
                System.arraycopy(in, i, out, o, count);
                i += count;
                o += count;
            } else if (header != -128) {
                int count = 1 - header;
                if (i >= to || o + count > out.length) throw h.fail("corrupt DICOM RLE segment (repeat run overflows)");
                byte value = in[i++];
                for (int k = 0; k < count; k++) out[o++] = value;
            }
        }
        if (o < out.length) throw h.fail("corrupt DICOM RLE segment (" + o + " of " + out.length + " bytes)");
    }
}
