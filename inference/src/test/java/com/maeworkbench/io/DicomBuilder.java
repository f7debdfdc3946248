package com.maeworkbench.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Writes small explicit VR little endian DICOM files for tests, element by element. */
final class DicomBuilder {

    private static final Set<String> LONG_VRS = Set.of("OB", "OW", "SQ", "UN", "UT");

    private final String syntax;
    private final ByteArrayOutputStream dataset = new ByteArrayOutputStream();

    DicomBuilder(String syntax) {
        this.syntax = syntax;
    }

    DicomBuilder us(int tag, int value) {
        return element(dataset, tag, "US", new byte[]{(byte) value, (byte) (value >> 8)});
    }

    DicomBuilder text(int tag, String vr, String value) {
        return element(dataset, tag, vr, padded(value, (byte) ' '));
    }

    DicomBuilder pixels(byte[] data) {
        return element(dataset, 0x7FE00010, "OW", data);
    }

    /** A sequence of undefined length holding one item of undefined length with the given US elements. */
    DicomBuilder sequenceWithUs(int sequenceTag, int... tagValuePairs) {
        header(dataset, sequenceTag, "SQ", 0xFFFFFFFFL);
        itemTag(dataset, 0xFFFEE000, 0xFFFFFFFFL);
        for (int i = 0; i < tagValuePairs.length; i += 2) us(tagValuePairs[i], tagValuePairs[i + 1]);
        itemTag(dataset, 0xFFFEE00D, 0);
        itemTag(dataset, 0xFFFEE0DD, 0);
        return this;
    }

    /** The pixel data element's header alone, declaring {@code length} bytes that the caller writes after it. */
    DicomBuilder pixelsHeader(long length) {
        header(dataset, 0x7FE00010, "OW", length);
        return this;
    }

    /** Preamble, "DICM" and a file meta group naming the transfer syntax, then the dataset. */
    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(meta());
        out.writeBytes(dataset());
        return out.toByteArray();
    }

    byte[] meta() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x00020010, "UI", padded(syntax, (byte) 0));
        return out.toByteArray();
    }

    byte[] dataset() {
        return dataset.toByteArray();
    }

    private DicomBuilder element(ByteArrayOutputStream out, int tag, String vr, byte[] value) {
        header(out, tag, vr, value.length);
        out.writeBytes(value);
        return this;
    }

    private static void header(ByteArrayOutputStream out, int tag, String vr, long length) {
        le16(out, tag >>> 16);
        le16(out, tag & 0xFFFF);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (LONG_VRS.contains(vr)) {
            le16(out, 0);
            le32(out, length);
        } else {
            le16(out, (int) length);
        }
    }

    private static void itemTag(ByteArrayOutputStream out, int tag, long length) {
        le16(out, tag >>> 16);
        le16(out, tag & 0xFFFF);
        le32(out, length);
    }

    private static byte[] padded(String value, byte pad) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        if (b.length % 2 == 0) return b;
        byte[] p = new byte[b.length + 1];
        System.arraycopy(b, 0, p, 0, b.length);
        p[b.length] = pad;
        return p;
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >> 8);
    }

    private static void le32(ByteArrayOutputStream out, long v) {
        le16(out, (int) (v & 0xFFFF));
        le16(out, (int) (v >>> 16));
    }
}
