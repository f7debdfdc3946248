package com.maeworkbench.io;

import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.image.SourceInfo;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Uncompressed DICOM (implicit/explicit VR little endian, explicit VR big endian), first frame, gray or RGB.
 * A small streaming parser of its own rather than ImageJ's: the transfer syntax and Rows/Columns must be
 * checked before any pixel is read, and ImageJ ignores BitsStored/HighBit, decodes deflated files as raw,
 * reports truncation only through its log and depends on global preferences for scaling.
 */
final class DicomReader {

    static final String IMPLICIT_LE = "1.2.840.10008.1.2", EXPLICIT_LE = "1.2.840.10008.1.2.1", EXPLICIT_BE = "1.2.840.10008.1.2.2";

    private static final Map<String, String> COMPRESSED = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.1.99", "deflated explicit VR little endian"),
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG baseline"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG extended"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG lossless"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG lossless SV1"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS near-lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.92", "JPEG 2000 multi-component lossless"),
            Map.entry("1.2.840.10008.1.2.4.93", "JPEG 2000 multi-component"),
            Map.entry("1.2.840.10008.1.2.4.201", "HTJ2K lossless"),
            Map.entry("1.2.840.10008.1.2.4.202", "HTJ2K lossless RPCL"),
            Map.entry("1.2.840.10008.1.2.4.203", "HTJ2K"),
            Map.entry("1.2.840.10008.1.2.5", "RLE lossless"));

    /** Explicit VRs whose length field is 32 bits after two reserved bytes. */
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    private static final Set<String> VRS = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT",
            "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN",
            "UR", "US", "UT", "UV");

    private static final int TRANSFER_SYNTAX = 0x00020010, MODALITY = 0x00080060, SAMPLES = 0x00280002,
            PHOTOMETRIC = 0x00280004, PLANAR = 0x00280006, ROWS = 0x00280010, COLUMNS = 0x00280011,
            BITS_ALLOCATED = 0x00280100, BITS_STORED = 0x00280101, HIGH_BIT = 0x00280102, PIXEL_REPRESENTATION = 0x00280103,
            WINDOW_CENTER = 0x00281050, WINDOW_WIDTH = 0x00281051, RESCALE_INTERCEPT = 0x00281052, RESCALE_SLOPE = 0x00281053,
            FLOAT_PIXEL_DATA = 0x7FE00008, DOUBLE_PIXEL_DATA = 0x7FE00009, PIXEL_DATA = 0x7FE00010,
            ITEM = 0xFFFEE000, ITEM_END = 0xFFFEE00D, SEQUENCE_END = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final Path path;
    private final InputStream in;
    private final long size;
    private long pos;
    private boolean little = true, explicit = true;

    // Header attributes, with the defaults the standard implies when they are absent.
    private String syntax, modality = "", photometric = "MONOCHROME2";
    private int samples = 1, planar, rows, columns, bitsAllocated = 16, bitsStored = -1, highBit = -1;
    private boolean signed;
    private double slope = 1, intercept, windowCenter, windowWidth;

    private DicomReader(Path path, InputStream in, long size) {
        this.path = path;
        this.in = in;
        this.size = size;
    }

    /** A dataset without the 128-byte preamble: a plausible first tag in group 0002 or 0008. */
    static boolean looksLikeDataset(byte[] h, int n) {
        if (n < 8) return false;
        int le = (h[0] & 0xFF) | (h[1] & 0xFF) << 8;
        boolean vr = VRS.contains(new String(h, 4, 2, StandardCharsets.US_ASCII));
        long implicitLength = (h[4] & 0xFFL) | (h[5] & 0xFFL) << 8 | (h[6] & 0xFFL) << 16 | (h[7] & 0xFFL) << 24;
        if (le == 0x0002 || le == 0x0008) return vr || implicitLength < 0x10000;
        return le == 0x0800 && vr; // explicit VR big endian
    }

    static FloatImage read(Path path, long maxPixels) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            DicomReader r = new DicomReader(path, in, Files.size(path));
            long pixelBytes = r.readHeader();
            r.validate(maxPixels);
            return r.readPixels(pixelBytes);
        }
    }

    /** Parses up to the start of the pixel data and returns its length. */
    private long readHeader() throws IOException {
        in.mark(132);
        byte[] preamble = in.readNBytes(132);
        if (preamble.length == 132 && new String(preamble, 128, 4, StandardCharsets.US_ASCII).equals("DICM")) {
            pos = 132;
        } else {
            in.reset();
        }
        readMeta();
        if (syntax == null) guessSyntax();
        else if (!syntax.equals(IMPLICIT_LE) && !syntax.equals(EXPLICIT_LE) && !syntax.equals(EXPLICIT_BE)) {
            throw fail("unsupported DICOM transfer syntax " + syntax + " (" + COMPRESSED.getOrDefault(syntax, "not an uncompressed syntax") + ")");
        }
        explicit = !syntax.equals(IMPLICIT_LE);
        little = !syntax.equals(EXPLICIT_BE);
        while (true) {
            if (pos >= size) throw fail("DICOM file has no pixel data");
            int tag = tag();
            long length = length(tag);
            if (tag == PIXEL_DATA) {
                if (length == UNDEFINED) throw fail("DICOM pixel data is compressed (encapsulated)");
                return length;
            }
            if (tag == FLOAT_PIXEL_DATA || tag == DOUBLE_PIXEL_DATA) throw fail("unsupported DICOM floating-point pixel data");
            if (length == UNDEFINED) skipSequence();
            else if (length <= 256 && attribute(tag)) value(tag, bytes((int) length));
            else skip(length);
        }
    }

    /** File meta group 0002: always explicit VR little endian. */
    private void readMeta() throws IOException {
        while (true) {
            in.mark(2);
            int group = u8() | u8() << 8;
            in.reset();
            pos -= 2;
            if (group != 0x0002) return;
            int tag = tag();
            long length = length(tag);
            if (length == UNDEFINED || pos + length > size) throw new EOFException();
            byte[] value = bytes((int) length);
            if (tag == TRANSFER_SYNTAX) syntax = text(value);
        }
    }

    /** No file meta (ACR-NEMA style): take the encoding from how the first element looks. */
    private void guessSyntax() throws IOException {
        in.mark(6);
        byte[] h = in.readNBytes(6);
        in.reset();
        if (h.length < 6) throw new EOFException();
        boolean vr = VRS.contains(new String(h, 4, 2, StandardCharsets.US_ASCII));
        syntax = h[0] == 0 && h[1] != 0 ? EXPLICIT_BE : vr ? EXPLICIT_LE : IMPLICIT_LE;
    }

    private boolean attribute(int tag) {
        return tag == MODALITY || tag >>> 16 == 0x0028;
    }

    private void value(int tag, byte[] v) {
        switch (tag) {
            case MODALITY -> modality = text(v);
            case SAMPLES -> samples = us(v);
            case PHOTOMETRIC -> photometric = text(v);
            case PLANAR -> planar = us(v);
            case ROWS -> rows = us(v);
            case COLUMNS -> columns = us(v);
            case BITS_ALLOCATED -> bitsAllocated = us(v);
            case BITS_STORED -> bitsStored = us(v);
            case HIGH_BIT -> highBit = us(v);
            case PIXEL_REPRESENTATION -> signed = us(v) == 1;
            case WINDOW_CENTER -> windowCenter = number(v, 0);
            case WINDOW_WIDTH -> windowWidth = number(v, 0);
            case RESCALE_INTERCEPT -> intercept = number(v, 0);
            case RESCALE_SLOPE -> slope = number(v, 1);
            default -> { }
        }
    }

    private void validate(long maxPixels) throws ImageFileException {
        if (rows <= 0 || columns <= 0) throw fail("DICOM file has no Rows/Columns");
        boolean mono = photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2");
        if (!(samples == 1 && mono || samples == 3 && photometric.equals("RGB"))) {
            throw fail("unsupported DICOM photometric interpretation " + photometric + " with " + samples + " samples per pixel");
        }
        if (bitsAllocated != 8 && bitsAllocated != 16) throw fail("unsupported DICOM BitsAllocated " + bitsAllocated + " (8 or 16 supported)");
        if (bitsStored < 0) bitsStored = bitsAllocated;
        if (highBit < 0) highBit = bitsStored - 1;
        if (bitsStored < 1 || highBit >= bitsAllocated || highBit + 1 < bitsStored) {
            throw fail("inconsistent DICOM BitsAllocated/BitsStored/HighBit " + bitsAllocated + "/" + bitsStored + "/" + highBit);
        }
        if (slope == 0) slope = 1; // a zero slope would map every pixel to one value: treat as absent
        ImageFiles.checkSize(path, columns, rows, maxPixels);
    }

    /** Decodes the first frame, normalising stored values by BitsStored (signed values offset by half the range). */
    private FloatImage readPixels(long pixelBytes) throws IOException {
        int pixels = rows * columns, bytesPerSample = bitsAllocated / 8;
        long frameBytes = (long) pixels * samples * bytesPerSample;
        if (frameBytes > Integer.MAX_VALUE - 8) throw fail("DICOM frame of " + frameBytes + " bytes is too large to read");
        if (pos + frameBytes > size) throw new EOFException();
        if (pixelBytes < frameBytes) throw fail("DICOM pixel data holds " + pixelBytes + " bytes, one frame needs " + frameBytes);
        byte[] data = bytes((int) frameBytes);
        int shift = highBit + 1 - bitsStored, mask = (1 << bitsStored) - 1, signBit = signed ? 1 << (bitsStored - 1) : 0;
        boolean inverted = photometric.equals("MONOCHROME1");
        float scale = 1f / mask;
        float[][] planes = new float[samples][pixels];
        for (int i = 0; i < pixels * samples; i++) {
            int raw = bytesPerSample == 1 ? data[i] & 0xFF
                    : little ? (data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8 : (data[2 * i] & 0xFF) << 8 | (data[2 * i + 1] & 0xFF);
            // XOR with the sign bit turns two's complement into offset binary: level 0 is the most negative value.
            float v = (((raw >>> shift) & mask) ^ signBit) * scale;
            int channel = planar == 1 ? i / pixels : i % samples, pixel = planar == 1 ? i % pixels : i / samples;
            planes[channel][pixel] = inverted ? 1 - v : v;
        }
        // stored = level - signBit, level = v * mask (or (1 - v) * mask when inverted); modality value = slope * stored + intercept.
        Calibration calibration = inverted
                ? new Calibration(-slope * mask, slope * (mask - signBit) + intercept, unit())
                : new Calibration(slope * mask, intercept - slope * signBit, unit());
        return new FloatImage(columns, rows, planes, bitsStored, window(calibration, planes), calibration,
                new SourceInfo("DICOM", 0, 1, false, List.of()));
    }

    private String unit() {
        return modality.equals("CT") ? "HU" : "";
    }

    /** The file's window (given in modality units), else the data range: a 12-bit range shown in full is nearly flat. */
    private DisplayWindow window(Calibration calibration, float[][] planes) {
        if (windowWidth > 0) {
            double a = calibration.toNormalised(windowCenter - windowWidth / 2), b = calibration.toNormalised(windowCenter + windowWidth / 2);
            return new DisplayWindow(Math.min(a, b), Math.max(a, b));
        }
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float[] plane : planes) {
            for (float v : plane) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max > min ? new DisplayWindow(min, max) : DisplayWindow.FULL;
    }

    private int tag() throws IOException {
        return u16() << 16 | u16();
    }

    private long length(int tag) throws IOException {
        if (!explicit || tag >>> 16 == 0xFFFE) return u32(); // implicit VR, and items / delimiters, carry no VR
        String vr = new String(new byte[]{(byte) u8(), (byte) u8()}, StandardCharsets.US_ASCII);
        if (LONG_VRS.contains(vr)) {
            skip(2);
            return u32();
        }
        return u16();
    }

    /** Skips a sequence of undefined length, whose items may nest further sequences. */
    private void skipSequence() throws IOException {
        while (true) {
            int tag = tag();
            long length = length(tag);
            if (tag == SEQUENCE_END) return;
            if (tag != ITEM) throw fail("malformed DICOM sequence at byte " + pos);
            if (length != UNDEFINED) skip(length);
            else skipItem();
        }
    }

    private void skipItem() throws IOException {
        while (true) {
            int tag = tag();
            long length = length(tag);
            if (tag == ITEM_END) return;
            if (length == UNDEFINED) skipSequence();
            else skip(length);
        }
    }

    private int u8() throws IOException {
        int b = in.read();
        if (b < 0) throw new EOFException();
        pos++;
        return b;
    }

    private int u16() throws IOException {
        int a = u8(), b = u8();
        return little ? a | b << 8 : a << 8 | b;
    }

    private long u32() throws IOException {
        long a = u16(), b = u16();
        return little ? a | b << 16 : a << 16 | b;
    }

    private byte[] bytes(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) throw new EOFException();
        pos += n;
        return b;
    }

    /** Checked against the file size: a stream skip may run past the end without complaint. */
    private void skip(long n) throws IOException {
        if (pos + n > size) throw new EOFException();
        in.skipNBytes(n);
        pos += n;
    }

    private int us(byte[] v) {
        if (v.length < 2) return 0;
        return little ? (v[0] & 0xFF) | (v[1] & 0xFF) << 8 : (v[0] & 0xFF) << 8 | (v[1] & 0xFF);
    }

    private static String text(byte[] v) {
        return new String(v, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
    }

    /** First value of a decimal string (DS/IS may be multi-valued, separated by backslashes). */
    private static double number(byte[] v, double fallback) {
        String first = text(v).split("\\\\", 2)[0].trim();
        try {
            return first.isEmpty() ? fallback : Double.parseDouble(first);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private ImageFileException fail(String reason) {
        return new ImageFileException(path, reason);
    }
}
