package com.maeworkbench.io.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Explicit VR little endian elements, each value padded to an even length as its VR requires (PS3.5 6.2). */
final class DicomOutput {

    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Charset charset;

    DicomOutput(Charset charset) {
        this.charset = charset;
    }

    DicomOutput text(int tag, String vr, String value) {
        byte[] b = value.getBytes(vr.equals("UI") || vr.equals("CS") || vr.equals("DA") || vr.equals("TM") || vr.equals("DS")
                || vr.equals("IS") ? StandardCharsets.US_ASCII : charset);
        return raw(tag, vr, b);
    }

    DicomOutput us(int tag, int value) {
        return raw(tag, "US", new byte[]{(byte) value, (byte) (value >> 8)});
    }

    DicomOutput ul(int tag, long value) {
        return raw(tag, "UL", new byte[]{(byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24)});
    }

    /** A value as given, padded with NUL (UI, OB) or space (text). */
    DicomOutput raw(int tag, String vr, byte[] value) {
        int length = value.length + (value.length % 2);
        header(tag, vr, length);
        out.writeBytes(value);
        if (length != value.length) out.write(vr.equals("UI") || vr.equals("OB") || vr.equals("OW") ? 0 : ' ');
        return this;
    }

    /** A sequence of defined length holding one item of already encoded elements. */
    DicomOutput sequence(int tag, byte[] item) {
        header(tag, "SQ", item.length + 8);
        le(DicomParser.ITEM >>> 16, 2);
        le(DicomParser.ITEM & 0xFFFF, 2);
        le(item.length, 4);
        out.writeBytes(item);
        return this;
    }

    private void header(int tag, String vr, long length) {
        le(tag >>> 16, 2);
        le(tag & 0xFFFF, 2);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (LONG_VRS.contains(vr)) {
            le(0, 2);
            le(length, 4);
        } else {
            le(length, 2);
        }
    }

    private void le(long v, int n) {
        for (int i = 0; i < n; i++) out.write((int) (v >>> (8 * i)));
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
