package com.maeworkbench.io.dicom;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;

import javax.imageio.ImageReader;
import java.io.IOException;

/**
 * JPEG 2000 frames through jai-imageio-jpeg2000 (JJ2000), which also undoes the reversible or irreversible
 * component transform of YBR_RCT / YBR_ICT data. The reader is made directly, not looked up by format name,
 * so no other plugin on the class path can take its place.
 */
final class Jpeg2000 {

    private Jpeg2000() {
    }

    static int[][] decode(DicomHeader h, PixelFormat f, byte[] frame) throws IOException {
        ImageReader reader = new J2KImageReaderSpi().createReaderInstance();
        try (ByteArrayImageInputStream in = new ByteArrayImageInputStream(frame)) {
            reader.setInput(in, true, true);
            return Jpeg.planes(h, f, reader.readRaster(0, null), "JPEG 2000");
        } catch (RuntimeException e) { // JJ2000 reports corrupt codestreams as runtime exceptions
            throw h.fail("corrupt DICOM JPEG 2000 frame (" + e.getMessage() + ")");
        } finally {
            reader.dispose();
        }
    }
}
