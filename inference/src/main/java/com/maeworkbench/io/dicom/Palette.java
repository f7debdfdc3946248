package com.maeworkbench.io.dicom;

import com.maeworkbench.io.ImageFileException;

import java.util.List;

/** PALETTE COLOR: each stored index looked up in the red, green and blue LUTs (PS3.3 C.7.6.3.1.5). */
final class Palette {

    private Palette() {
    }

    /** Bits per LUT entry (the descriptor's third value: 8 or 16). */
    static int bits(DicomHeader h) {
        byte[] d = h.values.get(DicomHeader.RED_DESCRIPTOR);
        return d != null && d.length >= 6 && h.us(d, 2) == 8 ? 8 : 16;
    }

    static float[][] apply(DicomHeader h, PixelFormat f, int[] raw, int shift, int mask, List<String> steps) throws ImageFileException {
        float[][] planes = new float[3][raw.length];
        int bits = bits(h);
        float scale = 1f / ((1 << bits) - 1);
        for (int c = 0; c < 3; c++) {
            byte[] d = h.values.get(DicomHeader.RED_DESCRIPTOR + c), data = h.values.get(DicomHeader.RED_DATA + c);
            if (d == null || d.length < 6 || data == null) throw h.fail("DICOM PALETTE COLOR without its lookup tables");
            int entries = h.us(d, 0) == 0 ? 65536 : h.us(d, 0), first = h.us(d, 1);
            if (f.signed() && first >= 32768) first -= 65536;
            boolean bytes = data.length == entries; // 8-bit entries packed one per byte rather than one per 16-bit word
            if (data.length < (bytes ? entries : 2 * entries)) throw h.fail("DICOM PALETTE COLOR lookup table shorter than its descriptor");
            for (int i = 0; i < raw.length; i++) {
                int index = (raw[i] >>> shift) & mask;
                if (f.signed() && index >= (mask + 1) / 2) index -= mask + 1;
                int k = Math.max(0, Math.min(entries - 1, index - first));
                int value = bytes ? data[k] & 0xFF : h.us(data, k);
                planes[c][i] = (bits == 8 ? value & 0xFF : value) * scale;
            }
        }
        steps.add("PALETTE COLOR indices looked up into " + bits + "-bit RGB");
        return planes;
    }
}
