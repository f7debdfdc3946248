package com.maeworkbench.metric;

/**
 * Quality of one restoration against the original. PSNR uses peak 1.0 on normalised intensities;
 * SSIM (Wang et al. 2004, 11x11 Gaussian window, sigma 1.5, on luma for colour) is the mean of the
 * SSIM map over the masked pixels. NaN where undefined (e.g. an empty mask).
 */
public record Metrics(double psnrMasked, double psnrFull, double ssim, double millis) {
}
