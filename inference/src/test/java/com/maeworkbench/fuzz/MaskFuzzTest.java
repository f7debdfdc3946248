package com.maeworkbench.fuzz;

import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.MaskFiles;
import com.maeworkbench.mask.Mask;

import java.nio.file.Path;

/** Mask files of any readable format for a 24x24 image (the seeds' size), PNG CRCs fixed up as for PNG. */
class MaskFuzzTest {

    @DecoderFuzzTest
    void mask(byte[] data) {
        Path file = Decoding.write(Decoding.FILE, Decoding.withPngCrcs(data));
        Decoding.silent(() -> {
            try {
                Mask mask = MaskFiles.read(file, 24, 24);
                Decoding.check(mask.width() == 24 && mask.height() == 24 && mask.missing().length == 24 * 24, "mask " + mask.width() + "x" + mask.height());
            } catch (ImageFileException e) {
                Decoding.oneLine(e, file);
            }
        });
    }
}
