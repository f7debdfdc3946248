package com.maeworkbench.fuzz;

/** PBM, PGM, PPM and PAM (TwelveMonkeys). */
class PnmFuzzTest {

    @DecoderFuzzTest
    void pnm(byte[] data) {
        Decoding.read(data);
    }
}
