package com.maeworkbench.fuzz;

import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What fuzzing found, one named test each, with the message the user now gets. The inputs are the committed
 * findings in the fuzz tests' corpora (finding-* files), which those tests also replay; a finding that needs the
 * 1.5 GB heap to show is in {@code io.HeapBoundTest}.
 */
class FuzzFindingsTest {

    @TempDir
    Path dir;

    private static byte[] finding(String corpus) throws IOException {
        try (InputStream in = FuzzFindingsTest.class.getResourceAsStream(corpus)) {
            return in.readAllBytes();
        }
    }

    /** The one line the user gets for {@code data} saved as {@code name}; nothing may be printed besides. */
    private String refusal(String name, byte[] data) throws IOException {
        Path file = Files.write(dir.resolve(name), data);
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true));
        try {
            return assertThrows(ImageFileException.class, () -> ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS)).getMessage();
        } finally {
            System.setErr(err);
            assertEquals("", printed.toString(), "printed to System.err");
        }
    }

    /** TwelveMonkeys' TIFF reader casts a stored EOFException to int[] or Number when an IFD entry is cut short. */
    @Test
    void tiffEntryCutShort() throws IOException {
        assertEquals("scan.tif: corrupt TIFF data (decoder failed with ClassCastException)",
                refusal("scan.tif", finding("TiffFuzzTestInputs/tiff/finding-raw-image-type-class-cast")));
        assertEquals("mask.tif: corrupt TIFF data (decoder failed with ClassCastException)",
                refusal("mask.tif", finding("MaskFuzzTestInputs/mask/finding-tiff-class-cast")));
    }

    /** TwelveMonkeys' TIFF image type allocated an array per sample for SamplesPerPixel 709445889 and ran a 1.5 GB heap out. */
    @Test
    void tiffSamplesPerPixelOutOfRange() throws IOException {
        assertEquals("scan.tif: corrupt TIFF data (SamplesPerPixel 709445889)",
                refusal("scan.tif", finding("TiffFuzzTestInputs/tiff/finding-samples-per-pixel-out-of-memory")));
    }

    /** TwelveMonkeys' PAM header parser looks the file's bytes up as an enum constant and quotes them. */
    @Test
    void pamTupleTypeOfFileBytes() throws IOException {
        assertEquals("scan.pam: corrupt PNM data (decoder failed with IllegalArgumentException)",
                refusal("scan.pam", finding("PnmFuzzTestInputs/pnm/finding-pam-tuple-type-of-file-bytes")));
    }

    /** A JPEG 2000 transfer syntax over native pixel data: our frame reader took a null fragment list. */
    @Test
    void encapsulatedSyntaxOverNativePixels() throws IOException {
        assertEquals("scan.dcm: DICOM pixel data is not encapsulated, but the transfer syntax is JPEG 2000",
                refusal("scan.dcm", finding("DicomFuzzTestInputs/dicom/finding-encapsulated-syntax-native-pixels")));
    }

    /**
     * JJ2000 printed a stack trace to System.err and threw ThreadDeath for a tile-part that runs past the end
     * of the frame, and looped forever on another (its packet-header reader reads ones past the end): cut-off
     * tile-parts are now refused before JJ2000 sees them.
     */
    @Test
    void jpeg2000TilePartPastTheEnd() throws IOException {
        byte[] frame = finding("DicomJpeg2000FuzzTestInputs/jpeg2000Frame/finding-thread-death-and-trace");
        assertEquals("scan.dcm: truncated DICOM JPEG 2000 frame (a tile-part of 4190 bytes, 2432 left)",
                refusal("scan.dcm", DicomJpeg2000FuzzTest.header(frame).around(frame)));
        byte[] hang = finding("DicomJpeg2000FuzzTestInputs/jpeg2000Frame/finding-hang-on-truncated-tile-part");
        assertEquals("hang.dcm: truncated DICOM JPEG 2000 frame (a tile-part of 1421 bytes, 598 left)",
                refusal("hang.dcm", DicomJpeg2000FuzzTest.header(hang).around(hang)));
    }

    /** JJ2000 allocates per tile while reading the header: a SIZ of 587 million columns ran a 1.5 GB heap out in 50 s. */
    @Test
    void jpeg2000SizeBeyondTheHeader() throws IOException {
        assertEquals("scan.dcm: DICOM JPEG 2000 frame is 587202624x64x1, the header says 64x64x1",
                refusal("scan.dcm", finding("DicomFuzzTestInputs/dicom/finding-jpeg2000-width-out-of-memory")));
        assertEquals("offset.dcm: corrupt DICOM JPEG 2000 frame (image offset beyond the image size)",
                refusal("offset.dcm", finding("DicomFuzzTestInputs/dicom/finding-jpeg2000-offset-beyond-size")));
    }

    /** JJ2000's packet-header reader loops forever on 0xFFFF in tile data (bit stuffing never moves on). */
    @Test
    void jpeg2000FfPairInTileData() throws IOException {
        byte[] frame = finding("DicomJpeg2000FuzzTestInputs/jpeg2000Frame/finding-hang-on-ff-pair-in-tile-data");
        assertEquals("scan.dcm: corrupt DICOM JPEG 2000 frame (marker 0xFFFF inside tile data)",
                refusal("scan.dcm", DicomJpeg2000FuzzTest.header(frame).around(frame)));
        assertEquals("other.dcm: corrupt DICOM JPEG 2000 frame (marker 0xFFFF inside tile data)",
                refusal("other.dcm", finding("DicomFuzzTestInputs/dicom/finding-jpeg2000-wrapped-null-pointer")));
    }

    /** TwelveMonkeys decoded 25 megapixels of noise (5 s, 40 s under Jazzer) before refusing a lossless precision of 0. */
    @Test
    void jpegLosslessPrecisionZero() throws IOException {
        byte[] frame = finding("DicomJpegFuzzTestInputs/jpegFrame/finding-lossless-precision-0-of-25-megapixels");
        assertEquals("scan.dcm: corrupt DICOM JPEG frame (lossless precision 0)", refusal("scan.dcm", DicomJpegFuzzTest.header(frame).around(frame)));
    }

    /**
     * Our 12-bit decoder took any ArrayIndexOutOfBoundsException for the end of the data, so a scan naming
     * Huffman table 4 was reported as truncated (found reading it while fuzzing).
     */
    @Test
    void jpeg12TableSelectorOutOfRange() throws IOException {
        byte[] frame = finding("DicomJpegFuzzTestInputs/jpegFrame/seed-pydicom-JPGExtended.jpg");
        frame[157 + 6] = 0x40; // SOS: DC table 4, AC table 0
        assertEquals("scan.dcm: corrupt DICOM 12-bit JPEG frame (Huffman table selector 40)",
                refusal("scan.dcm", DicomJpegFuzzTest.header(frame).around(frame)));
        byte[] cut = Arrays.copyOf(frame, 157 + 5);
        assertEquals("cut.dcm: truncated DICOM JPEG frame (12-bit data ends early)", refusal("cut.dcm", DicomJpegFuzzTest.header(cut).around(cut)));
    }

    /**
     * A frame declaring far more pixels than the DICOM header, which the pixel cap checked: refused from the
     * codestream's header, before the decoder allocates 900 megapixels (found reading the code while fuzzing).
     */
    @Test
    void codestreamLargerThanTheHeader() throws IOException {
        byte[] jpeg = finding("DicomJpegFuzzTestInputs/jpegFrame/seed-jpeg-baseline-rgb-3frames.jpg");
        ByteBuffer.wrap(jpeg).putShort(140 + 5, (short) 30000).putShort(140 + 7, (short) 30000); // SOF0 height, width
        EncapsulatedDicom small = new EncapsulatedDicom("1.2.840.10008.1.2.4.50", 2, 2, 3, "YBR_FULL_422", 8, 8, false);
        assertEquals("jpeg.dcm: DICOM JPEG frame is 30000x30000x3, the header says 2x2x3", refusal("jpeg.dcm", small.around(jpeg)));

        byte[] j2k = finding("DicomJpeg2000FuzzTestInputs/jpeg2000Frame/seed-j2k-12bit.j2k");
        ByteBuffer.wrap(j2k).putInt(2 + 6, 30000).putInt(2 + 10, 30000); // SIZ Xsiz, Ysiz
        EncapsulatedDicom gray = new EncapsulatedDicom("1.2.840.10008.1.2.4.90", 2, 2, 1, "MONOCHROME2", 16, 12, false);
        assertEquals("j2k.dcm: DICOM JPEG 2000 frame is 30000x30000x1, the header says 2x2x1", refusal("j2k.dcm", gray.around(j2k)));
    }
}
