package com.maeworkbench.fuzz;

/** TIFF (TwelveMonkeys; float TIFF through the JDK's reader). */
class TiffFuzzTest {

    @DecoderFuzzTest
    void tiff(byte[] data) {
        Decoding.read(data);
    }
}
