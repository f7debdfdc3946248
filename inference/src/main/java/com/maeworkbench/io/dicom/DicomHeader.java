package com.maeworkbench.io.dicom;

import com.maeworkbench.io.ImageFileException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The top-level attributes of a parsed DICOM file (values of up to {@link DicomParser#MAX_VALUE} bytes, as
 * stored) and where its pixel data lies, with typed reads of the attributes the decoders and exporters use.
 */
final class DicomHeader {

    static final int SOP_CLASS = 0x00080016, SOP_INSTANCE = 0x00080018, MODALITY = 0x00080060, SERIES_UID = 0x0020000E,
            INSTANCE_NUMBER = 0x00200013, IMAGE_POSITION = 0x00200032, IMAGE_ORIENTATION = 0x00200037,
            SAMPLES = 0x00280002, PHOTOMETRIC = 0x00280004, PLANAR = 0x00280006, FRAMES = 0x00280008,
            ROWS = 0x00280010, COLUMNS = 0x00280011, BITS_ALLOCATED = 0x00280100, BITS_STORED = 0x00280101,
            HIGH_BIT = 0x00280102, PIXEL_REPRESENTATION = 0x00280103, WINDOW_CENTER = 0x00281050, WINDOW_WIDTH = 0x00281051,
            RESCALE_INTERCEPT = 0x00281052, RESCALE_SLOPE = 0x00281053, RESCALE_TYPE = 0x00281054,
            RED_DESCRIPTOR = 0x00281101, RED_DATA = 0x00281201, SEGMENTED_RED = 0x00281221,
            DOSE_UNITS = 0x30040002, DOSE_GRID_SCALING = 0x3004000E,
            EXTENDED_OFFSETS = 0x7FE00001, EXTENDED_LENGTHS = 0x7FE00002,
            FLOAT_PIXEL_DATA = 0x7FE00008, DOUBLE_PIXEL_DATA = 0x7FE00009, PIXEL_DATA = 0x7FE00010;

    final Path path;
    final TransferSyntax syntax;
    /** Where the pixel data's bytes are read from: the file, or the inflated dataset of a deflated file. */
    final ByteStore store;
    final Map<Integer, byte[]> values;

    int pixelTag;
    long pixelOffset, pixelLength;
    /** Encapsulated pixel data: {offset, length} of each fragment's data, the basic offset table, the first fragment item's position. */
    List<long[]> fragments;
    long[] offsetTable;
    long firstFragment;

    DicomHeader(Path path, TransferSyntax syntax, ByteStore store, Map<Integer, byte[]> values) {
        this.path = path;
        this.syntax = syntax;
        this.store = store;
        this.values = values;
    }

    boolean has(int tag) {
        return values.containsKey(tag);
    }

    /** An unsigned short (US), or {@code fallback} when absent or empty. */
    int us(int tag, int fallback) {
        byte[] v = values.get(tag);
        if (v == null || v.length < 2) return fallback;
        return syntax.little() ? (v[0] & 0xFF) | (v[1] & 0xFF) << 8 : (v[0] & 0xFF) << 8 | (v[1] & 0xFF);
    }

    /** The {@code i}-th unsigned short of a multi-valued US/SS/OW value (palette descriptors and data). */
    int us(byte[] v, int i) {
        return syntax.little() ? (v[2 * i] & 0xFF) | (v[2 * i + 1] & 0xFF) << 8 : (v[2 * i] & 0xFF) << 8 | (v[2 * i + 1] & 0xFF);
    }

    String string(int tag) {
        byte[] v = values.get(tag);
        return v == null ? "" : text(v);
    }

    /** The {@code index}-th value of a DS/IS attribute, or {@code fallback} when absent, empty or not a number. */
    double number(int tag, int index, double fallback) {
        String[] parts = string(tag).split("\\\\");
        if (index >= parts.length) return fallback;
        try {
            String s = parts[index].trim();
            return s.isEmpty() ? fallback : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** All values of a DS attribute, or null when absent or any is not a number. */
    double[] numbers(int tag, int count) {
        String[] parts = string(tag).split("\\\\");
        if (parts.length != count) return null;
        double[] d = new double[count];
        for (int i = 0; i < count; i++) {
            d[i] = number(tag, i, Double.NaN);
            if (Double.isNaN(d[i])) return null;
        }
        return d;
    }

    /** Unsigned 64-bit little-endian values (the extended offset table's VR is OV). */
    long[] ov(int tag) {
        byte[] v = values.get(tag);
        if (v == null) return null;
        long[] out = new long[v.length / 8];
        for (int i = 0; i < out.length; i++) {
            long x = 0;
            for (int b = 7; b >= 0; b--) x = x << 8 | (v[8 * i + b] & 0xFF);
            out[i] = x;
        }
        return out;
    }

    ImageFileException fail(String reason) {
        return new ImageFileException(path, reason);
    }

    static String text(byte[] v) {
        return new String(v, StandardCharsets.ISO_8859_1).replace('\0', ' ').trim();
    }
}
