package com.maeworkbench.io.dicom;

import com.maeworkbench.io.ImageFileException;

/**
 * 12-bit sequential Huffman JPEG (DICOM "JPEG extended", process 4), written here because no kept Java library
 * decodes it: TwelveMonkeys hands DCT data to the JDK's libjpeg, which is built for 8 bits. One scan holding
 * every component, no subsampling (what 12-bit DICOM encoders write); the inverse DCT is libjpeg's integer
 * "islow" (jidctint.c with PASS1_BITS 1 for 12 bits), so results equal libjpeg-based decoders such as GDCM's.
 */
final class Jpeg12 {

    private static final int[] ZIGZAG = {0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48,
            41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59,
            52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63};

    private final DicomHeader h;
    private final byte[] d;
    private int pos, bitBuffer, bitCount;
    private final int[][] quant = new int[4][];
    private final Huffman[] dc = new Huffman[4], ac = new Huffman[4];

    private Jpeg12(DicomHeader h, byte[] data) {
        this.h = h;
        this.d = data;
    }

    /** {marker, precision, height, width, components} of the first frame header, or null. */
    static int[] frameHeader(byte[] d) {
        for (int i = 2; i + 9 < d.length; ) {
            if ((d[i] & 0xFF) != 0xFF) return null;
            int marker = d[i + 1] & 0xFF;
            if (marker == 0xFF) { i++; continue; }
            int length = (d[i + 2] & 0xFF) << 8 | (d[i + 3] & 0xFF);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return new int[]{marker, d[i + 4] & 0xFF, u16(d, i + 5), u16(d, i + 7), d[i + 9] & 0xFF};
            }
            i += 2 + length;
        }
        return null;
    }

    static int[][] decode(DicomHeader h, PixelFormat f, byte[] data) throws ImageFileException {
        return new Jpeg12(h, data).run(f);
    }

    /** The byte at {@code i} of the frame; one past its end means the frame is cut short. */
    private int u8(int i) throws ImageFileException {
        if (i >= d.length) throw h.fail("truncated DICOM JPEG frame (12-bit data ends early)");
        return d[i] & 0xFF;
    }

    private int u16(int i) throws ImageFileException {
        return u8(i) << 8 | u8(i + 1);
    }

    private int[][] run(PixelFormat f) throws ImageFileException {
        int width = 0, height = 0, restart = 0;
        int[] ids = null, tq = null;
        pos = 2;
        while (true) {
            if (u8(pos) != 0xFF) throw fail("expected a marker at byte " + pos);
            int marker = u8(pos + 1);
            if (marker == 0xFF) { pos++; continue; }
            int length = u16(pos + 2), end = pos + 2 + length, p = pos + 4;
            switch (marker) {
                case 0xDB -> { // quantisation tables, 8- or 16-bit entries in zigzag order
                    while (p < end) {
                        int precision = u8(p) >> 4, id = u8(p++) & 3;
                        quant[id] = new int[64];
                        for (int k = 0; k < 64; k++, p += precision == 0 ? 1 : 2) quant[id][ZIGZAG[k]] = precision == 0 ? u8(p) : u16(p);
                    }
                }
                case 0xC4 -> { // Huffman tables: class and id, 16 code-length counts, then the values
                    while (p < end) {
                        int cls = u8(p) >> 4 & 1, id = u8(p++) & 3;
                        int[] counts = new int[17];
                        int total = 0;
                        for (int l = 1; l <= 16; l++) total += counts[l] = u8(p++);
                        byte[] values = new byte[total];
                        for (int i = 0; i < total; i++) values[i] = (byte) u8(p++);
                        (cls == 0 ? dc : ac)[id] = new Huffman(counts, values);
                    }
                }
                case 0xC0, 0xC1 -> {
                    height = u16(p + 1);
                    width = u16(p + 3);
                    int n = u8(p + 5);
                    ids = new int[n];
                    tq = new int[n];
                    for (int c = 0; c < n; c++) {
                        ids[c] = u8(p + 6 + 3 * c);
                        if (u8(p + 7 + 3 * c) != 0x11 && n > 1) throw fail("subsampled 12-bit JPEG is not supported");
                        tq[c] = u8(p + 8 + 3 * c) & 3;
                    }
                }
                case 0xDD -> restart = u16(p);
                case 0xDA -> {
                    if (ids == null) throw fail("scan before frame header");
                    if (width != f.columns() || height != f.rows() || ids.length != f.samples()) {
                        throw h.fail("DICOM JPEG frame is " + width + "x" + height + "x" + ids.length + ", the header says "
                                + f.columns() + "x" + f.rows() + "x" + f.samples());
                    }
                    int n = u8(p);
                    if (n != ids.length) throw fail("a 12-bit JPEG with one scan per component is not supported");
                    int[] tables = new int[n];
                    for (int c = 0; c < n; c++) {
                        tables[c] = u8(p + 2 + 2 * c);
                        if (tables[c] >> 4 > 3 || (tables[c] & 15) > 3) throw fail("Huffman table selector " + Integer.toHexString(tables[c]));
                    }
                    pos = end; // Ss, Se, Ah/Al are ignored: sequential scans always code all 64 coefficients
                    return scan(width, height, tq, tables, restart);
                }
                default -> { }
            }
            pos = end;
        }
    }

    private int[][] scan(int width, int height, int[] tq, int[] tables, int restart) throws ImageFileException {
        int n = tq.length, bx = (width + 7) / 8, by = (height + 7) / 8;
        int[][] out = new int[n][width * height];
        int[] predictor = new int[n], block = new int[64], work = new int[64], pixels = new int[64];
        for (int c = 0; c < n; c++) {
            if (quant[tq[c]] == null || dc[tables[c] >> 4] == null || ac[tables[c] & 3] == null) throw fail("missing table");
        }
        for (int mcu = 0; mcu < bx * by; mcu++) {
            if (restart > 0 && mcu > 0 && mcu % restart == 0) { // byte-aligned RSTn marker, then fresh predictors
                bitCount = 0;
                while (pos + 1 < d.length && !((d[pos] & 0xFF) == 0xFF && (d[pos + 1] & 0xF8) == 0xD0)) pos++;
                pos += 2;
                java.util.Arrays.fill(predictor, 0);
            }
            for (int c = 0; c < n; c++) {
                java.util.Arrays.fill(block, 0);
                int s = dc[tables[c] >> 4].decode(this);
                predictor[c] += s == 0 ? 0 : extend(bits(s), s);
                block[0] = predictor[c];
                Huffman acTable = ac[tables[c] & 3];
                for (int k = 1; k < 64; ) {
                    int rs = acTable.decode(this), r = rs >> 4;
                    s = rs & 15;
                    if (s == 0) {
                        if (r != 15) break;
                        k += 16;
                        continue;
                    }
                    k += r;
                    if (k > 63) throw fail("coefficient index past 63");
                    block[ZIGZAG[k++]] = extend(bits(s), s);
                }
                idct(block, quant[tq[c]], work, pixels);
                int x0 = mcu % bx * 8, y0 = mcu / bx * 8;
                for (int y = 0; y < 8 && y0 + y < height; y++) {
                    for (int x = 0; x < 8 && x0 + x < width; x++) out[c][(y0 + y) * width + x0 + x] = pixels[y * 8 + x];
                }
            }
        }
        return out;
    }

    int bit() throws ImageFileException {
        if (bitCount == 0) {
            if (pos >= d.length) throw fail("entropy-coded data ends early");
            int b = d[pos++] & 0xFF;
            if (b == 0xFF) {
                int next = u8(pos);
                if (next == 0) pos++;
                else throw fail("entropy-coded data ends early (marker " + Integer.toHexString(next) + ")");
            }
            bitBuffer = b;
            bitCount = 8;
        }
        return bitBuffer >> --bitCount & 1;
    }

    private int bits(int n) throws ImageFileException {
        int v = 0;
        for (int i = 0; i < n; i++) v = v << 1 | bit();
        return v;
    }

    private static int extend(int v, int s) {
        return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
    }

    private static final long F0298 = 2446, F0390 = 3196, F0541 = 4433, F0765 = 6270, F0899 = 7373, F1175 = 9633,
            F1501 = 12299, F1847 = 15137, F1961 = 16069, F2053 = 16819, F2562 = 20995, F3072 = 25172;
    private static final int CONST_BITS = 13, PASS1_BITS = 1;

    /** libjpeg's jpeg_idct_islow for 12-bit samples: columns into {@code work}, then rows, level shift by 2048. */
    private static void idct(int[] coef, int[] q, int[] work, int[] out) {
        for (int col = 0; col < 8; col++) {
            long[] r = butterfly(coef[col] * (long) q[col], coef[8 + col] * (long) q[8 + col], coef[16 + col] * (long) q[16 + col],
                    coef[24 + col] * (long) q[24 + col], coef[32 + col] * (long) q[32 + col], coef[40 + col] * (long) q[40 + col],
                    coef[48 + col] * (long) q[48 + col], coef[56 + col] * (long) q[56 + col]);
            for (int k = 0; k < 8; k++) work[8 * k + col] = (int) descale(r[k], CONST_BITS - PASS1_BITS);
        }
        for (int row = 0; row < 8; row++) {
            int o = 8 * row;
            long[] r = butterfly(work[o], work[o + 1], work[o + 2], work[o + 3], work[o + 4], work[o + 5], work[o + 6], work[o + 7]);
            for (int k = 0; k < 8; k++) out[o + k] = Math.max(0, Math.min(4095, (int) descale(r[k], CONST_BITS + PASS1_BITS + 3) + 2048));
        }
    }

    /** One 8-point pass of jidctint.c; results still scaled by 2^CONST_BITS. */
    private static long[] butterfly(long i0, long i1, long i2, long i3, long i4, long i5, long i6, long i7) {
        long z1 = (i2 + i6) * F0541;
        long tmp2 = z1 - i6 * F1847, tmp3 = z1 + i2 * F0765;
        long tmp0 = (i0 + i4) << CONST_BITS, tmp1 = (i0 - i4) << CONST_BITS;
        long t10 = tmp0 + tmp3, t13 = tmp0 - tmp3, t11 = tmp1 + tmp2, t12 = tmp1 - tmp2;
        long o0 = i7, o1 = i5, o2 = i3, o3 = i1;
        long z5 = (o0 + o2 + o1 + o3) * F1175;
        long a1 = (o0 + o3) * -F0899, a2 = (o1 + o2) * -F2562, a3 = (o0 + o2) * -F1961 + z5, a4 = (o1 + o3) * -F0390 + z5;
        long p0 = o0 * F0298 + a1 + a3, p1 = o1 * F2053 + a2 + a4, p2 = o2 * F3072 + a2 + a3, p3 = o3 * F1501 + a1 + a4;
        return new long[]{t10 + p3, t11 + p2, t12 + p1, t13 + p0, t13 - p0, t12 - p1, t11 - p2, t10 - p3};
    }

    private static long descale(long x, int n) {
        return (x + (1L << (n - 1))) >> n;
    }

    /** Big-endian 16 bits within bounds the caller checked. */
    private static int u16(byte[] d, int i) {
        return (d[i] & 0xFF) << 8 | (d[i + 1] & 0xFF);
    }

    private ImageFileException fail(String reason) {
        return h.fail("corrupt DICOM 12-bit JPEG frame (" + reason + ")");
    }

    /** A Huffman table as code-length counts and values (JPEG Annex C), decoded bit by bit (F.2.2.3). */
    private static final class Huffman {
        final int[] maxCode = new int[18], valPtr = new int[17], minCode = new int[17];
        final byte[] values;

        Huffman(int[] counts, byte[] values) {
            int total = 0, code = 0;
            for (int l = 1; l <= 16; l++) {
                valPtr[l] = total;
                minCode[l] = code;
                code += counts[l];
                total += counts[l];
                maxCode[l] = counts[l] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
            this.values = values;
        }

        int decode(Jpeg12 in) throws ImageFileException {
            int code = in.bit();
            for (int l = 1; l <= 16; l++) {
                if (code <= maxCode[l]) return values[valPtr[l] + code - minCode[l]] & 0xFF;
                code = code << 1 | in.bit();
            }
            throw in.fail("bad Huffman code");
        }
    }
}
