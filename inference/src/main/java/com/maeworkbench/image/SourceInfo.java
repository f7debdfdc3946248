package com.maeworkbench.image;

import java.util.List;
import java.util.Objects;

/**
 * Where an image's values came from and what decoding did to them on their way to [0,1] floats, so that
 * the CLI's {@code info}, every report and the app's image info can say it (a MONOCHROME1 inversion, a
 * rescale to HU, a signed offset, the bits stored, the frame) instead of applying it silently.
 *
 * @param format       the container as recognised from the file's content ("PNG", "DICOM", ...); empty for
 *                     images made in memory
 * @param frame        0-based frame (or page) that was decoded
 * @param frames       how many frames (pages) the source holds
 * @param alphaDropped whether the source had an alpha channel that was discarded
 * @param transforms   each value transformation applied, in order, as one readable line
 */
public record SourceInfo(String format, int frame, int frames, boolean alphaDropped, List<String> transforms) {

    /** An image made in memory: nothing was decoded or transformed. */
    public static final SourceInfo NONE = new SourceInfo("", 0, 1, false, List.of());

    public SourceInfo {
        Objects.requireNonNull(format, "format");
        if (frame < 0 || frames < 1 || frame >= frames) throw new IllegalArgumentException("frame " + frame + " of " + frames);
        transforms = List.copyOf(transforms);
    }
}
