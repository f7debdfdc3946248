package com.maeworkbench.fuzz;

import java.util.Arrays;

/**
 * RLE lossless frames (our own decoder, {@code Rle}). The first four bytes choose rows, columns (1-256),
 * samples (1 or 3) and bits allocated (8, 16, 32); the rest is the frame: segment header, then PackBits.
 */
class DicomRleFuzzTest {

    @DecoderFuzzTest
    void rleFrame(byte[] data) {
        if (data.length < 4) return;
        int rows = (data[0] & 0xFF) == 0 ? 256 : data[0] & 0xFF, columns = (data[1] & 0xFF) == 0 ? 256 : data[1] & 0xFF;
        int samples = (data[2] & 1) == 1 ? 3 : 1, bits = 8 << Math.min(2, data[3] & 3);
        EncapsulatedDicom header = new EncapsulatedDicom("1.2.840.10008.1.2.5", rows, columns, samples,
                samples == 3 ? "RGB" : "MONOCHROME2", bits, bits, (data[3] & 4) != 0);
        Decoding.readDicom(header.around(Arrays.copyOfRange(data, 4, data.length)));
    }
}
