package com.maeworkbench.io.dicom;

import com.maeworkbench.io.ImageFileException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checked description of a DICOM file's pixels (Image Pixel module and Number of Frames), with the
 * defaults the standard implies when attributes are absent. {@code notes} says where the file was repaired.
 */
record PixelFormat(int rows, int columns, int samples, String photometric, int planar, int bitsAllocated,
                   int bitsStored, int highBit, boolean signed, boolean floating, int frames, List<String> notes) {

    private static final Set<String> COLOUR = Set.of("RGB", "YBR_FULL", "YBR_FULL_422", "YBR_RCT", "YBR_ICT");

    static PixelFormat of(DicomHeader h) throws ImageFileException {
        if (h.pixelTag == 0) throw h.fail("DICOM file has no pixel data");
        if (h.syntax.encapsulated() != (h.fragments != null)) {
            throw h.fail("DICOM pixel data is " + (h.fragments != null ? "" : "not ") + "encapsulated, but the transfer syntax is " + h.syntax.name());
        }
        int rows = h.us(DicomHeader.ROWS, 0), columns = h.us(DicomHeader.COLUMNS, 0);
        if (rows <= 0 || columns <= 0) throw h.fail("DICOM file has no Rows/Columns");
        int samples = h.us(DicomHeader.SAMPLES, 1);
        String photometric = h.string(DicomHeader.PHOTOMETRIC);
        if (photometric.isEmpty()) photometric = samples == 3 ? "RGB" : "MONOCHROME2";
        boolean mono = photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2");
        if (!((mono || photometric.equals("PALETTE COLOR")) && samples == 1 || COLOUR.contains(photometric) && samples == 3)) {
            throw h.fail("unsupported DICOM photometric interpretation " + photometric + " with " + samples + " samples per pixel");
        }
        boolean floating = h.pixelTag != DicomHeader.PIXEL_DATA;
        int bitsAllocated = h.us(DicomHeader.BITS_ALLOCATED, h.pixelTag == DicomHeader.DOUBLE_PIXEL_DATA ? 64 : floating ? 32 : 16);
        if (floating && (bitsAllocated != (h.pixelTag == DicomHeader.DOUBLE_PIXEL_DATA ? 64 : 32) || !mono)) {
            throw h.fail("inconsistent DICOM floating-point pixel data: BitsAllocated " + bitsAllocated + ", " + photometric);
        }
        if (!floating && bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw h.fail("unsupported DICOM BitsAllocated " + bitsAllocated + " (1, 8, 16 or 32 supported)");
        }
        if (bitsAllocated == 1 && (!mono || h.syntax.encapsulated())) throw h.fail("unsupported DICOM 1-bit " + photometric + " " + h.syntax.name());
        int bitsStored = floating ? bitsAllocated : h.us(DicomHeader.BITS_STORED, bitsAllocated);
        int highBit = floating ? bitsAllocated - 1 : h.us(DicomHeader.HIGH_BIT, bitsStored - 1);
        if (bitsStored < 1 || highBit >= bitsAllocated || highBit + 1 < bitsStored) {
            throw h.fail("inconsistent DICOM BitsAllocated/BitsStored/HighBit " + bitsAllocated + "/" + bitsStored + "/" + highBit);
        }
        boolean signed = h.us(DicomHeader.PIXEL_REPRESENTATION, 0) == 1;
        int planar = h.us(DicomHeader.PLANAR, 0);
        if (photometric.equals("PALETTE COLOR") && (bitsAllocated > 16 || h.has(DicomHeader.SEGMENTED_RED))) {
            throw h.fail("unsupported DICOM PALETTE COLOR (segmented or deeper than 16 bits)");
        }
        List<String> notes = new ArrayList<>();
        int frames = frames(h, rows, columns, samples, bitsAllocated, photometric, notes);
        return new PixelFormat(rows, columns, samples, photometric, planar, bitsAllocated, bitsStored, highBit, signed,
                floating, frames, List.copyOf(notes));
    }

    /** Number of Frames, or the count the pixel data holds when that attribute is not a number. */
    private static int frames(DicomHeader h, int rows, int columns, int samples, int bitsAllocated, String photometric,
                              List<String> notes) throws ImageFileException {
        String text = h.string(DicomHeader.FRAMES);
        if (text.isEmpty()) return 1;
        try {
            int n = Integer.parseInt(text);
            if (n < 1) throw h.fail("invalid DICOM NumberOfFrames " + n);
            return n;
        } catch (NumberFormatException e) {
            int n;
            if (h.syntax.encapsulated()) {
                n = h.offsetTable != null && h.offsetTable.length > 0 ? h.offsetTable.length : h.fragments.size();
            } else {
                long frameBits = (long) rows * columns * bitsAllocated * (photometric.equals("YBR_FULL_422") ? 2 : samples);
                n = (int) Math.min(Integer.MAX_VALUE, h.pixelLength * 8 / frameBits);
            }
            if (n < 1) throw h.fail("invalid DICOM NumberOfFrames '" + text + "'");
            notes.add("NumberOfFrames '" + text + "' is not a number: " + n + " frame" + (n == 1 ? "" : "s") + " counted in the pixel data");
            return n;
        }
    }

    int pixels() {
        return rows * columns;
    }

    /** Bytes of one native frame (1-bit frames are packed, so this is rounded up for the last byte). */
    long frameBits() {
        return (long) pixels() * bitsAllocated * (photometric.equals("YBR_FULL_422") ? 2 : samples);
    }

    /**
     * Peak heap of decoding one frame: its stored bytes (or a codec's raster, at most an int per sample), the
     * int planes of stored values and the float planes, plus a double per sample for values deeper than 16 bits.
     */
    long decodedBytes() {
        long samples = (long) pixels() * (photometric.equals("PALETTE COLOR") ? 3 : this.samples);
        return samples * (4 + 4 + 4 + (floating || bitsStored > 16 ? 8 : 0));
    }

    boolean colour() {
        return samples == 3 || photometric.equals("PALETTE COLOR");
    }
}
