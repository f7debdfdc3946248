package com.maeworkbench.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A DICOM file around one fuzzed encapsulated frame, with the image pixel attributes the frame's own header
 * declares, so that the fuzzer spends its mutations on the codec's data rather than on the DICOM header.
 */
record EncapsulatedDicom(String syntax, int rows, int columns, int samples, String photometric, int bitsAllocated,
                         int bitsStored, boolean signed) {

    byte[] around(byte[] frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x00020010, "UI", padded(syntax, '\0'));
        us(out, 0x00280002, samples);
        element(out, 0x00280004, "CS", padded(photometric, ' '));
        us(out, 0x00280010, rows);
        us(out, 0x00280011, columns);
        us(out, 0x00280100, bitsAllocated);
        us(out, 0x00280101, bitsStored);
        us(out, 0x00280102, bitsStored - 1);
        us(out, 0x00280103, signed ? 1 : 0);
        tag(out, 0x7FE00010);
        out.writeBytes("OB".getBytes(StandardCharsets.US_ASCII));
        le(out, 0, 2);
        le(out, 0xFFFFFFFFL, 4);
        item(out, 0xFFFEE000, 0); // empty basic offset table
        item(out, 0xFFFEE000, frame.length + (frame.length & 1));
        out.writeBytes(frame);
        if ((frame.length & 1) != 0) out.write(0);
        item(out, 0xFFFEE0DD, 0);
        return out.toByteArray();
    }

    private static byte[] padded(String value, char pad) {
        String v = value.length() % 2 == 0 ? value : value + pad;
        return v.getBytes(StandardCharsets.US_ASCII);
    }

    private static void us(ByteArrayOutputStream out, int tag, int value) {
        element(out, tag, "US", new byte[]{(byte) value, (byte) (value >> 8)});
    }

    private static void element(ByteArrayOutputStream out, int tag, String vr, byte[] value) {
        tag(out, tag);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        le(out, value.length, 2);
        out.writeBytes(value);
    }

    private static void item(ByteArrayOutputStream out, int tag, long length) {
        tag(out, tag);
        le(out, length, 4);
    }

    private static void tag(ByteArrayOutputStream out, int tag) {
        le(out, tag >>> 16, 2);
        le(out, tag & 0xFFFF, 2);
    }

    private static void le(ByteArrayOutputStream out, long v, int n) {
        for (int i = 0; i < n; i++) out.write((int) (v >>> (8 * i)));
    }

    static int u16(byte[] d, int i) {
        return (d[i] & 0xFF) << 8 | (d[i + 1] & 0xFF);
    }

    static long u32(byte[] d, int i) {
        return (long) u16(d, i) << 16 | u16(d, i + 2);
    }
}
