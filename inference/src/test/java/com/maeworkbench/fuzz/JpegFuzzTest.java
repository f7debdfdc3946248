package com.maeworkbench.fuzz;

/** JPEG (TwelveMonkeys over the JDK's libjpeg; baseline, progressive, CMYK, lossless). */
class JpegFuzzTest {

    @DecoderFuzzTest
    void jpeg(byte[] data) {
        Decoding.read(data);
    }
}
