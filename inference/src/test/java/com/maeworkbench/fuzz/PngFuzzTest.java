package com.maeworkbench.fuzz;

/** PNG through the JDK's decoder and our CRC check; CRCs are fixed up so that mutations reach the pixels. */
class PngFuzzTest {

    @DecoderFuzzTest
    void png(byte[] data) {
        Decoding.read(Decoding.withPngCrcs(data));
    }
}
