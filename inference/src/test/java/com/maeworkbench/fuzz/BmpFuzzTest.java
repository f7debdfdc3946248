package com.maeworkbench.fuzz;

/** BMP (TwelveMonkeys). */
class BmpFuzzTest {

    @DecoderFuzzTest
    void bmp(byte[] data) {
        Decoding.read(data);
    }
}
