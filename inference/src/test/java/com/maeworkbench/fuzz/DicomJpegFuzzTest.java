package com.maeworkbench.fuzz;

/**
 * JPEG frames in DICOM: TwelveMonkeys' raster path (baseline, extended, progressive, lossless up to 16 bits)
 * and our own 12-bit DCT decoder {@code Jpeg12}. The DICOM header is built from the frame's SOF marker.
 */
class DicomJpegFuzzTest {

    @DecoderFuzzTest
    void jpegFrame(byte[] frame) {
        Decoding.readDicom(header(frame).around(frame));
    }

    /** Rows, columns, components and precision of the first frame header (SOFn), 1x1 8-bit gray without one. */
    static EncapsulatedDicom header(byte[] d) {
        for (int i = 2; i + 9 < d.length; ) {
            if ((d[i] & 0xFF) != 0xFF) break;
            int marker = d[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                int precision = Math.max(2, Math.min(16, d[i + 4] & 0xFF)), components = d[i + 9] & 0xFF;
                String syntax = marker == 0xC3 ? "1.2.840.10008.1.2.4.70" : precision > 8 ? "1.2.840.10008.1.2.4.51" : "1.2.840.10008.1.2.4.50";
                String photometric = components != 3 ? "MONOCHROME2" : marker == 0xC3 ? "RGB" : "YBR_FULL_422";
                return new EncapsulatedDicom(syntax, EncapsulatedDicom.u16(d, i + 5), EncapsulatedDicom.u16(d, i + 7),
                        components, photometric, precision > 8 ? 16 : 8, precision, false);
            }
            i += 2 + EncapsulatedDicom.u16(d, i + 2);
        }
        return new EncapsulatedDicom("1.2.840.10008.1.2.4.50", 1, 1, 1, "MONOCHROME2", 8, 8, false);
    }
}
