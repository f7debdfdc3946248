package com.maeworkbench.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's bar, end to end: each crafted file makes {@code restore} fail with exit 1 and one line on stderr
 * naming the file, no stack trace, and nothing written.
 */
class CraftedFilesCliTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"nested-5000.dcm", "nested-50000.dcm", "negative-length.dcm", "huge-size.dcm",
            "chunk-2gb.png", "zero-width.tif"})
    void restoreFailsWithOneLineAndWritesNothing(String name) throws IOException {
        Path file = Files.write(dir.resolve(name), crafted(name));
        Path out = dir.resolve("out");
        StringWriter stdout = new StringWriter(), stderr = new StringWriter();
        int exit = RestoreCli.run(new PrintWriter(stdout, true), new PrintWriter(stderr, true),
                "restore", file.toString(), "--mask", "rect:x=0,y=0,w=1,h=1", "--methods", "bilinear", "--out", out.toString());
        String err = stderr.toString();
        assertEquals(1, exit, err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: " + name + ": "), err);
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("Error"), err);
        assertFalse(Files.exists(out), "nothing written");
    }

    private static byte[] crafted(String name) {
        return switch (name) {
            case "nested-5000.dcm" -> nested(5_000);
            case "nested-50000.dcm" -> nested(50_000);
            // a private OB element whose length reads as -16 as a signed 32-bit int
            case "negative-length.dcm" -> dicom(element(0x00091010, "OB", 0xFFFFFFF0L), image());
            // Rows and Columns of 65535 (4.3 gigapixels) over 4 bytes of pixel data
            case "huge-size.dcm" -> dicom(us(0x00280010, 0xFFFF), us(0x00280011, 0xFFFF), us(0x00280100, 8),
                    element(0x7FE00010, "OB", 4), new byte[4]);
            case "chunk-2gb.png" -> png();
            case "zero-width.tif" -> tiff();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Sequences of undefined length, each holding one item that opens the next, then a 2x2 image. */
    private static byte[] nested(int depth) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < depth; i++) {
            b.writeBytes(element(0x00081140, "SQ", 0xFFFFFFFFL));
            b.writeBytes(item(0xFFFEE000, 0xFFFFFFFFL));
        }
        for (int i = 0; i < depth; i++) {
            b.writeBytes(item(0xFFFEE00D, 0));
            b.writeBytes(item(0xFFFEE0DD, 0));
        }
        return dicom(b.toByteArray(), image());
    }

    private static byte[] image() {
        return concat(us(0x00280010, 2), us(0x00280011, 2), us(0x00280100, 8), element(0x7FE00010, "OB", 4), new byte[]{1, 2, 3, 4});
    }

    private static byte[] dicom(byte[]... dataset) {
        byte[] syntax = "1.2.840.10008.1.2.1\0".getBytes(StandardCharsets.US_ASCII);
        return concat(new byte[128], "DICM".getBytes(StandardCharsets.US_ASCII), element(0x00020010, "UI", syntax.length), syntax, concat(dataset));
    }

    /** An explicit VR little endian element header (the value follows separately). */
    private static byte[] element(int tag, String vr, long length) {
        boolean longForm = vr.equals("OB") || vr.equals("SQ");
        ByteBuffer b = ByteBuffer.allocate(longForm ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (longForm) b.putShort((short) 0).putInt((int) length);
        else b.putShort((short) length);
        return b.array();
    }

    private static byte[] us(int tag, int value) {
        return concat(element(tag, "US", 2), new byte[]{(byte) value, (byte) (value >> 8)});
    }

    private static byte[] item(int tag, long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (tag >>> 16)).putShort((short) tag).putInt((int) length).array();
    }

    /** A valid 4x4 gray PNG header, then an IDAT chunk declaring 2 GB with 16 bytes behind it. */
    private static byte[] png() {
        byte[] ihdr = ByteBuffer.allocate(13).putInt(4).putInt(4).put(new byte[]{8, 0, 0, 0, 0}).array();
        CRC32 crc = new CRC32();
        crc.update("IHDR".getBytes(StandardCharsets.US_ASCII));
        crc.update(ihdr);
        return concat(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
                ByteBuffer.allocate(8).putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).array(), ihdr,
                ByteBuffer.allocate(4).putInt((int) crc.getValue()).array(),
                ByteBuffer.allocate(8).putInt(0x80000000).put("IDAT".getBytes(StandardCharsets.US_ASCII)).array(), new byte[16]);
    }

    /** A little-endian TIFF whose one IFD says ImageWidth 0, ImageLength 4, 8-bit gray, one strip of 4 bytes. */
    private static byte[] tiff() {
        short[][] entries = {{256, 3, 0}, {257, 3, 4}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1}, {273, 4, 8 + 2 + 8 * 12 + 4},
                {277, 3, 1}, {278, 3, 4}, {279, 4, 4}};
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + entries.length * 12 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries.length);
        for (short[] e : entries) {
            b.putShort(e[0]).putShort(e[1]).putInt(1);
            if (e[1] == 3) b.putShort(e[2]).putShort((short) 0);
            else b.putInt(e[2]);
        }
        return b.putInt(0).putInt(0x04030201).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
