package com.maeworkbench.metric;

/**
 * Quality of one restoration against the original, as {@link Quality#measure} defines it for the CLI, the
 * reports and the app alike.
 * <p>
 * PSNR's peak is the original's <b>dynamic range</b>, max − min over every pixel and channel ({@code peak}),
 * the same for every method: a 12-bit CT stored in 16 bits or a dim photo is scored against the contrast it
 * really has, so the same picture scores the same as 8-bit PNG, 16-bit PNG or DICOM. SSIM (Wang et al. 2004,
 * 11x11 Gaussian window, sigma 1.5, on luma for colour) uses that range as its L and is the mean of the SSIM
 * map over the masked pixels. {@code psnrMaskedBitDepth} keeps peak 1.0 on values normalised by the bit depth
 * (the container's full scale), the usual definition for 8-bit photos.
 * <p>
 * A flat original (range 0) has no contrast to score against: the range-based numbers are NaN, the
 * bit-depth PSNR is still given, and {@link #flagged()} says so. NaN also where a number is undefined
 * (an empty mask); +Infinity where the restoration equals the original.
 *
 * @param psnrMasked         dB over the masked pixels, peak = the original's dynamic range
 * @param psnrMaskedBitDepth dB over the masked pixels, peak 1.0 on bit-depth-normalised values
 * @param psnrFull           dB over the whole image, peak = the original's dynamic range
 * @param ssim               mean SSIM over the masked pixels, L = the original's dynamic range
 * @param millis             the method's own runtime
 * @param peak               the original's dynamic range in normalised units (0 for a flat image)
 * @param coverage           how much the mask hides; its rule flags masks that leave too little known
 */
public record Metrics(double psnrMasked, double psnrMaskedBitDepth, double psnrFull, double ssim, double millis,
                      double peak, MaskCoverage coverage) {

    /** Whether these numbers must not be read as a comparison: a flagged mask or a flat original. */
    public boolean flagged() {
        return flagged(coverage, peak);
    }

    /** One line saying why the numbers are flagged, or null when they are not. */
    public String warning() {
        return warning(coverage, peak);
    }

    /** The flag rule for any metrics measured under {@code coverage} on an original of dynamic range {@code peak}. */
    public static boolean flagged(MaskCoverage coverage, double peak) {
        return coverage.flagged() || !(peak > 0);
    }

    /** The one-line warning for {@link #flagged(MaskCoverage, double)}, or null. */
    public static String warning(MaskCoverage coverage, double peak) {
        if (coverage.flagged()) return coverage.warning();
        return peak > 0 ? null : "the original is flat (one value everywhere): PSNR and SSIM on its range are undefined";
    }
}
