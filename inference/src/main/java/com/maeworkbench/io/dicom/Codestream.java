package com.maeworkbench.io.dicom;

import com.maeworkbench.io.ImageFileException;

import java.io.IOException;

/**
 * Checks on a JPEG 2000 codestream before JJ2000 sees it, for what JJ2000 itself handles badly. Its header
 * reader allocates per tile before anything else, so a size or tile grid beyond the DICOM header's (a 64x64
 * frame declaring 587 million columns, or 9 million tiles) exhausts the heap inside {@code getWidth}. Its
 * packet-header bit reader loops forever on a 0xFF byte followed by another above 0x8F (bit stuffing never
 * moves on) and on packed packet headers (PPM, PPT) that end early (it reads ones past their end). And it
 * decodes a cut-off tile-part in part without a word.
 */
final class Codestream {

    /** ISO 15444-1 A.4.2: the tile index Isot is 16 bits. */
    private static final long MAX_TILES = 65535;

    private Codestream() {
    }

    static void check(DicomHeader h, PixelFormat f, byte[] d) throws IOException {
        int soc = 0;
        while (soc + 3 < d.length && !(u16(d, soc) == 0xFF4F && u16(d, soc + 2) == 0xFF51)) soc++; // also inside JP2 boxes
        int siz = soc + 2;
        if (siz + 40 > d.length) return; // no SIZ marker segment: JJ2000 says what is wrong
        long width = u32(d, siz + 6) - u32(d, siz + 14), height = u32(d, siz + 10) - u32(d, siz + 18);
        if (width <= 0 || height <= 0) throw h.fail("corrupt DICOM JPEG 2000 frame (image offset beyond the image size)");
        Jpeg.mismatch(h, f, "JPEG 2000", width, height, u16(d, siz + 38));
        long tileWidth = u32(d, siz + 22), tileHeight = u32(d, siz + 26), x0 = u32(d, siz + 30), y0 = u32(d, siz + 34);
        if (tileWidth == 0 || tileHeight == 0 || x0 > u32(d, siz + 14) || y0 > u32(d, siz + 18)) {
            throw h.fail("corrupt DICOM JPEG 2000 frame (tile grid " + tileWidth + "x" + tileHeight + " at " + x0 + "," + y0 + ")");
        }
        long tiles = ceil(u32(d, siz + 6) - x0, tileWidth) * ceil(u32(d, siz + 10) - y0, tileHeight);
        if (tiles > MAX_TILES) throw h.fail("corrupt DICOM JPEG 2000 frame (" + tiles + " tiles, at most " + MAX_TILES + ")");
        tileParts(h, d, siz);
    }

    /**
     * Walks the tile-parts: each must lie within the frame (JJ2000 decodes a cut-off one in part, silently), hold
     * no packed packet headers (refused whole, rare in DICOM) and, in its data, no byte pair above 0xFF8F but the
     * SOP and EPH markers (ISO 15444-1 A.1.1), which would stall JJ2000's reader.
     */
    private static void tileParts(DicomHeader h, byte[] d, int p) throws ImageFileException {
        while (p + 4 <= d.length && u16(d, p) != 0xFF90) { // main header, up to the first SOT
            if (u16(d, p) == 0xFF60) throw h.fail("unsupported DICOM JPEG 2000 frame (packed packet headers, PPM)");
            p += 2 + u16(d, p + 2);
        }
        while (p + 12 <= d.length && u16(d, p) == 0xFF90) {
            long length = u32(d, p + 6); // Psot; 0 for a last tile-part that runs to the end
            if (p + length > d.length) {
                throw h.fail("truncated DICOM JPEG 2000 frame (a tile-part of " + length + " bytes, " + (d.length - p) + " left)");
            }
            int end = length == 0 ? d.length : (int) (p + length);
            int q = p + 2 + u16(d, p + 2);
            for (; q + 4 <= end && u16(d, q) != 0xFF93; q += 2 + u16(d, q + 2)) { // tile-part header, up to SOD
                if (u16(d, q) == 0xFF61) throw h.fail("unsupported DICOM JPEG 2000 frame (packed packet headers, PPT)");
            }
            for (int i = q + 2; i + 1 < end; i++) {
                if ((d[i] & 0xFF) != 0xFF) continue;
                int next = d[i + 1] & 0xFF;
                if (length == 0 && next == 0xD9) break; // EOC
                if (next > 0x8F && next != 0x91 && next != 0x92) {
                    throw h.fail(String.format("corrupt DICOM JPEG 2000 frame (marker 0xFF%02X inside tile data)", next));
                }
            }
            p = end;
        }
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }

    private static int u16(byte[] d, int i) {
        return (d[i] & 0xFF) << 8 | (d[i + 1] & 0xFF);
    }

    private static long u32(byte[] d, int i) {
        return (long) u16(d, i) << 16 | u16(d, i + 2);
    }
}
