package com.maeworkbench.fuzz;

/**
 * JPEG 2000 frames in DICOM, decoded by jai-imageio's JJ2000. The DICOM header is built from the codestream's
 * SIZ marker (image size, components, precision, sign), also when the codestream sits in JP2 boxes.
 */
class DicomJpeg2000FuzzTest {

    @DecoderFuzzTest
    void jpeg2000Frame(byte[] frame) {
        Decoding.readDicom(header(frame).around(frame));
    }

    static EncapsulatedDicom header(byte[] d) {
        for (int i = 0; i + 43 < d.length; i++) {
            if ((d[i] & 0xFF) != 0xFF || (d[i + 1] & 0xFF) != 0x51) continue; // SIZ
            long width = EncapsulatedDicom.u32(d, i + 6) - EncapsulatedDicom.u32(d, i + 14);
            long height = EncapsulatedDicom.u32(d, i + 10) - EncapsulatedDicom.u32(d, i + 18);
            int components = EncapsulatedDicom.u16(d, i + 38), ssiz = d[i + 40] & 0xFF;
            int precision = Math.min(32, (ssiz & 0x7F) + 1);
            return new EncapsulatedDicom("1.2.840.10008.1.2.4.90", (int) Math.max(1, Math.min(65535, height)),
                    (int) Math.max(1, Math.min(65535, width)), components, components == 3 ? "RGB" : "MONOCHROME2",
                    precision > 16 ? 32 : precision > 8 ? 16 : 8, precision, (ssiz & 0x80) != 0);
        }
        return new EncapsulatedDicom("1.2.840.10008.1.2.4.90", 1, 1, 1, "MONOCHROME2", 8, 8, false);
    }
}
