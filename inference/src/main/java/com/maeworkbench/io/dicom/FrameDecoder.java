package com.maeworkbench.io.dicom;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one frame's samples, as stored (before BitsStored masking, sign or colour handling), one int plane
 * per sample: from native pixel data, or by decoding the frame's encapsulated fragments.
 */
final class FrameDecoder {

    private FrameDecoder() {
    }

    static int[][] integers(DicomHeader h, PixelFormat f, int frame) throws IOException {
        return switch (h.syntax.codec()) {
            case NATIVE -> f.bitsAllocated() == 1 ? bits(h, f, frame) : f.photometric().equals("YBR_FULL_422") ? ybr422(h, f, frame) : words(h, f, frame);
            case RLE -> Rle.decode(h, f, encapsulatedFrame(h, f, frame));
            case JPEG -> Jpeg.decode(h, f, encapsulatedFrame(h, f, frame));
            case JPEG2000 -> Jpeg2000.decode(h, f, encapsulatedFrame(h, f, frame));
        };
    }

    /** Float (OF) or double (OD) pixel data, one plane. */
    static float[] floats(DicomHeader h, PixelFormat f, int frame) throws IOException {
        int bytes = f.bitsAllocated() / 8, n = f.pixels();
        byte[] data = nativeFrame(h, f, frame);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            long bits = word(data, i * bytes, bytes, h.syntax.little());
            out[i] = bytes == 4 ? Float.intBitsToFloat((int) bits) : (float) Double.longBitsToDouble(bits);
        }
        return out;
    }

    private static byte[] nativeFrame(DicomHeader h, PixelFormat f, int frame) throws IOException {
        long bytes = f.frameBits() / 8, start = frame * bytes;
        if (bytes > Integer.MAX_VALUE - 8) throw h.fail("DICOM frame of " + bytes + " bytes is too large to read");
        check(h, f, frame, start + bytes);
        return h.store.read(h.pixelOffset + start, (int) bytes);
    }

    private static void check(DicomHeader h, PixelFormat f, int frame, long end) throws IOException {
        if (end <= h.pixelLength) return;
        throw h.fail("DICOM pixel data holds " + h.pixelLength + " bytes, frame " + frame + " of " + f.frames() + " needs " + end);
    }

    private static int[][] words(DicomHeader h, PixelFormat f, int frame) throws IOException {
        byte[] data = nativeFrame(h, f, frame);
        int bytes = f.bitsAllocated() / 8, n = f.pixels(), samples = f.samples();
        int[][] planes = new int[samples][n];
        boolean planar = f.planar() == 1 && samples > 1, little = h.syntax.little();
        for (int i = 0; i < n * samples; i++) {
            int v = (int) word(data, i * bytes, bytes, little);
            if (planar) planes[i / n][i % n] = v;
            else planes[i % samples][i / samples] = v;
        }
        return planes;
    }

    /** 1-bit frames are packed without padding between frames, least significant bit first (PS3.5 8.1.1). */
    private static int[][] bits(DicomHeader h, PixelFormat f, int frame) throws IOException {
        long first = frame * f.frameBits();
        long end = (first + f.frameBits() + 7) / 8;
        check(h, f, frame, end);
        byte[] data = h.store.read(h.pixelOffset + first / 8, (int) (end - first / 8));
        int shift = (int) (first % 8), n = f.pixels();
        int[] plane = new int[n];
        for (int i = 0; i < n; i++) plane[i] = data[(shift + i) >>> 3] >>> ((shift + i) & 7) & 1;
        return new int[][]{plane};
    }

    /** Native YBR_FULL_422: each horizontal pair of pixels is stored Y1 Y2 Cb Cr (PS3.3 C.7.6.3.1.2). */
    private static int[][] ybr422(DicomHeader h, PixelFormat f, int frame) throws IOException {
        if (f.columns() % 2 != 0 || f.bitsAllocated() != 8) throw h.fail("unsupported DICOM YBR_FULL_422 of odd width or " + f.bitsAllocated() + " bits");
        byte[] data = nativeFrame(h, f, frame);
        int n = f.pixels();
        int[][] planes = new int[3][n];
        for (int p = 0, i = 0; p < n; p += 2, i += 4) {
            planes[0][p] = data[i] & 0xFF;
            planes[0][p + 1] = data[i + 1] & 0xFF;
            planes[1][p] = planes[1][p + 1] = data[i + 2] & 0xFF;
            planes[2][p] = planes[2][p + 1] = data[i + 3] & 0xFF;
        }
        return planes;
    }

    static long word(byte[] data, int at, int bytes, boolean little) {
        long v = 0;
        for (int b = 0; b < bytes; b++) {
            int shift = little ? 8 * b : 8 * (bytes - 1 - b);
            v |= (data[at + b] & 0xFFL) << shift;
        }
        return v;
    }

    /**
     * The bytes of one encapsulated frame: all fragments for a single frame; else the fragments from the frame's
     * offset (extended or basic offset table) up to the next frame's; else one fragment per frame when the
     * counts agree; else a new frame at each fragment that starts a JPEG or JPEG 2000 codestream.
     */
    static byte[] encapsulatedFrame(DicomHeader h, PixelFormat f, int frame) throws IOException {
        List<long[]> fragments = h.fragments;
        if (fragments.isEmpty()) throw h.fail("DICOM encapsulated pixel data has no fragments");
        List<Integer> starts = frameStarts(h, f);
        if (starts.size() != f.frames()) {
            throw h.fail("DICOM encapsulated pixel data: cannot find " + f.frames() + " frames in " + fragments.size() + " fragments");
        }
        int from = starts.get(frame), to = frame + 1 < starts.size() ? starts.get(frame + 1) : fragments.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            long[] fragment = fragments.get(i);
            if (out.size() + fragment[1] > Integer.MAX_VALUE - 8) throw h.fail("DICOM frame too large to read");
            out.writeBytes(h.store.read(fragment[0], (int) fragment[1]));
        }
        return out.toByteArray();
    }

    /** Index of the first fragment of each frame. */
    private static List<Integer> frameStarts(DicomHeader h, PixelFormat f) throws IOException {
        List<long[]> fragments = h.fragments;
        List<Integer> starts = new ArrayList<>();
        if (f.frames() == 1) return List.of(0);
        long[] offsets = h.ov(DicomHeader.EXTENDED_OFFSETS);
        if (offsets == null || offsets.length == 0) offsets = h.offsetTable;
        if (offsets != null && offsets.length == f.frames()) {
            int i = 0;
            for (long offset : offsets) {
                long item = h.firstFragment + offset; // offsets count from the first fragment's item tag
                while (i < fragments.size() && fragments.get(i)[0] - 8 < item) i++;
                if (i == fragments.size() || fragments.get(i)[0] - 8 != item) throw h.fail("DICOM offset table points between fragments");
                starts.add(i);
            }
            return starts;
        }
        if (fragments.size() == f.frames()) {
            for (int i = 0; i < fragments.size(); i++) starts.add(i);
            return starts;
        }
        for (int i = 0; i < fragments.size(); i++) {
            long[] fragment = fragments.get(i);
            if (fragment[1] < 4) continue;
            byte[] head = h.store.read(fragment[0], 4);
            int a = head[0] & 0xFF, b = head[1] & 0xFF;
            boolean jpeg = a == 0xFF && b == 0xD8, j2k = a == 0xFF && b == 0x4F, jp2 = a == 0 && b == 0 && head[3] == 0x0C;
            if (jpeg || j2k || jp2) starts.add(i);
        }
        if (starts.isEmpty()) throw new EOFException();
        return starts;
    }
}
