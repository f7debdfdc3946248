package com.maeworkbench.fuzz;

/**
 * Whole DICOM files: the parser (meta, implicit/explicit, big endian, sequences, deflate) and every transfer
 * syntax we decode, native and encapsulated, single and multi-frame, from pydicom's and our own seeds.
 */
class DicomFuzzTest {

    @DecoderFuzzTest
    void dicom(byte[] data) {
        Decoding.readDicom(data);
    }
}
