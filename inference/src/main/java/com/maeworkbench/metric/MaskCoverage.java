package com.maeworkbench.metric;

import com.maeworkbench.mask.Mask;

import java.util.Locale;

/**
 * How much of an image a mask hides, and the one rule for when its metrics mean nothing: a mask that hides
 * no pixel measures nothing, and one that leaves under {@link #MIN_KNOWN_FRACTION} of the pixels known asks
 * every method to invent the picture (a fully masked image gives flat grey everywhere, whatever PSNR says).
 * Such metrics are flagged in every report, the CLI warns, and a {@link Ranking} on them is not valid.
 *
 * @param masked pixels to restore
 * @param pixels pixels in the image
 */
public record MaskCoverage(int masked, int pixels) {

    /** Below this fraction of known pixels a mask is flagged: 1%. */
    public static final double MIN_KNOWN_FRACTION = 0.01;

    public MaskCoverage {
        if (pixels <= 0 || masked < 0 || masked > pixels) throw new IllegalArgumentException(masked + " of " + pixels + " pixels masked");
    }

    public static MaskCoverage of(Mask mask) {
        return new MaskCoverage(mask.count(), mask.width() * mask.height());
    }

    public int known() {
        return pixels - masked;
    }

    public double maskedFraction() {
        return masked / (double) pixels;
    }

    public boolean flagged() {
        return masked == 0 || known() < MIN_KNOWN_FRACTION * pixels;
    }

    /** One line for the CLI, the app and the reports; null when the mask is fine. */
    public String warning() {
        if (masked == 0) return "the mask hides no pixel: there is nothing to restore or measure";
        if (!flagged()) return null;
        return String.format(Locale.ROOT, "the mask hides %.1f%% of the image (%d of %d pixels known, under %.0f%%): "
                + "every method has to invent the picture, so its PSNR and SSIM mean nothing", 100 * maskedFraction(), known(), pixels,
                100 * MIN_KNOWN_FRACTION);
    }
}
