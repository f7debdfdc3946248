package com.maeworkbench.io;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;

import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Checks on a TIFF's first IFD before TwelveMonkeys' reader sees it, read with the TIFFReader that reader uses
 * itself. Its image type allocates per sample before checking SamplesPerPixel, so a 2 KB file declaring two
 * billion samples (a LONG where the standard has a SHORT) took the whole heap.
 */
final class TiffIfd {

    private TiffIfd() {
    }

    static void check(Path path, ImageInputStream in) throws IOException {
        long start = in.getStreamPosition();
        CompoundDirectory ifds = (CompoundDirectory) new TIFFReader().read(in);
        in.seek(start);
        if (ifds.directoryCount() == 0) return; // the reader says what is wrong
        Entry samples = ifds.getDirectory(0).getEntryById(TIFF.TAG_SAMPLES_PER_PIXEL);
        if (samples != null && samples.getValue() instanceof Number n && (n.longValue() < 1 || n.longValue() > 0xFFFF)) {
            throw new ImageFileException(path, "corrupt TIFF data (SamplesPerPixel " + n + ")");
        }
    }
}
