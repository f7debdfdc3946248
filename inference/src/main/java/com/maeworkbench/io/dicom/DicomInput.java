package com.maeworkbench.io.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Sequential reading of a {@link ByteStore} through a window, little or big endian. Every skip and read is
 * checked against the store's size, so a declared length past the end fails here instead of allocating.
 */
final class DicomInput {

    private static final int WINDOW = 1 << 16;

    private final ByteStore store;
    private byte[] window = new byte[0];
    private long windowStart;
    private long pos;
    boolean little = true;

    DicomInput(ByteStore store, long start) {
        this.store = store;
        this.pos = start;
    }

    long pos() {
        return pos;
    }

    long remaining() {
        return store.size() - pos;
    }

    int u8() throws IOException {
        if (pos < windowStart || pos >= windowStart + window.length) fill();
        return window[(int) (pos++ - windowStart)] & 0xFF;
    }

    private void fill() throws IOException {
        if (pos >= store.size()) throw new EOFException();
        windowStart = pos;
        window = store.read(pos, (int) Math.min(WINDOW, store.size() - pos));
    }

    int u16() throws IOException {
        int a = u8(), b = u8();
        return little ? a | b << 8 : a << 8 | b;
    }

    long u32() throws IOException {
        long a = u16(), b = u16();
        return little ? a | b << 16 : a << 16 | b;
    }

    /** A tag as {@code group << 16 | element}. */
    int tag() throws IOException {
        return u16() << 16 | u16();
    }

    byte[] bytes(int n) throws IOException {
        if (n > remaining()) throw new EOFException();
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) u8();
        return b;
    }

    String ascii(int n) throws IOException {
        return new String(bytes(n), StandardCharsets.US_ASCII);
    }

    void skip(long n) throws IOException {
        if (n < 0 || n > remaining()) throw new EOFException();
        pos += n;
    }

    void seek(long position) {
        pos = position;
    }
}
