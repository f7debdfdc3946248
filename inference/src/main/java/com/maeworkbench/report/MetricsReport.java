package com.maeworkbench.report;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.image.SourceInfo;
import com.maeworkbench.metric.MaskCoverage;
import com.maeworkbench.metric.Metrics;
import com.maeworkbench.metric.Quality;
import com.maeworkbench.metric.Ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one report of one image under one mask, restored by several methods: what {@code restore} writes as
 * metrics.json, one block of rows of {@code evaluate}'s results.csv, and the app's metrics export (JSON or
 * CSV) all come from this record through {@link MetricsJson} and {@link MetricsCsv}. docs/reports.md
 * documents the schema.
 *
 * @param mask     the mask as the user gave it: a recipe, {@code file:PATH}, or how the app's was made
 * @param coverage how much the mask hides; flags the metrics when it leaves too little known
 * @param peak     the original's dynamic range, the peak of {@code psnr_masked}
 * @param results  one per method, in display order
 * @param uncertainty the MAE's uncertainty map and its scores ({@code restore --uncertainty}), or null
 */
public record MetricsReport(Provenance provenance, Image image, String mask, MaskCoverage coverage, double peak,
                            List<Result> results, Uncertainty uncertainty) {

    /** The disclaimer every report and sheet carries. */
    public static final String DISCLAIMER = "AI reconstruction — not for diagnostic use";

    /** Schema id written into every JSON report; bump the number when a field changes meaning or goes. */
    public static final String SCHEMA = "mae-workbench/metrics/1";

    /**
     * The image measured (its facts, not its pixels: an evaluation keeps many reports).
     *
     * @param path   as given by the user, or null for an image without a file
     * @param source format, frame and what decoding did to the values
     */
    public record Image(String path, int width, int height, int channels, int bitDepth, SourceInfo source) {
        public static Image of(String path, FloatImage image) {
            return new Image(path, image.width(), image.height(), image.channels(), image.bitDepth(), image.source());
        }
    }

    /**
     * @param method      id, as in {@code --methods}
     * @param name        for people, e.g. {@code Navier–Stokes (OpenCV)}
     * @param file        the restored image's file name, or null when none was written
     * @param metrics     null while not measured yet (the app shows a result before its SSIM is done)
     * @param maskVersion which mask edit the result answers (the app's; the CLI's are all 0): results of
     *                    different versions are not ranked ({@link Ranking})
     */
    public record Result(String method, String name, String file, Metrics metrics, long maskVersion) {
        public Result {
            Objects.requireNonNull(method, "method");
        }

        /** A result of a run on one mask (the CLI's). */
        public Result(String method, String name, String file, Metrics metrics) {
            this(method, name, file, metrics, 0);
        }
    }

    /**
     * The MAE's uncertainty map of this image and how well it ranks the MAE's real error, per fully masked
     * 16 px cell, beside the trivial predictor (the std of the known pixels around the cell); see
     * {@code com.maeworkbench.uncertainty}.
     *
     * @param file        the map's file name (32-bit float TIFF), or null when none was written
     * @param calibrated  whether the model's calibration was applied (else the map is the raw ensemble spread)
     * @param calibration which calibration, or why none
     * @param meanSigma   mean predicted error std over the masked pixels, normalised units
     * @param top10       mean real RMSE of the 10% of cells ranked most uncertain, over the mean of all cells
     */
    public record Uncertainty(String file, boolean calibrated, String calibration, String ensemble, int passes, double millis,
                              double meanSigma, int cells, double spearman, double spearmanTrivial, double top10, double top10Trivial) {
    }

    /** A report without an uncertainty map. */
    public MetricsReport(Provenance provenance, Image image, String mask, MaskCoverage coverage, double peak, List<Result> results) {
        this(provenance, image, mask, coverage, peak, results, null);
    }

    public MetricsReport {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(coverage, "coverage");
        results = List.copyOf(results);
    }

    /** A report on an original under a mask; peak and coverage come from the original and the results' metrics. */
    public static MetricsReport of(Provenance provenance, String path, FloatImage original, String mask, MaskCoverage coverage,
                                   List<Result> results) {
        return new MetricsReport(provenance, Image.of(path, original), mask, coverage, Quality.dynamicRange(original), results);
    }

    /** This report with an uncertainty map's summary. */
    public MetricsReport withUncertainty(Uncertainty u) {
        return new MetricsReport(provenance, image, mask, coverage, peak, results, u);
    }

    /** The ranking of these results (all measured on this one mask). */
    public Ranking ranking() {
        List<Ranking.Scored> scored = new ArrayList<>();
        for (Result r : results) scored.add(new Ranking.Scored(r.method(), r.metrics(), r.maskVersion()));
        return Ranking.of(scored);
    }

    /** Whether a result answers an older mask edit than the newest result here (the app's slower methods lag). */
    public boolean stale(Result r) {
        long newest = Long.MIN_VALUE;
        for (Result o : results) newest = Math.max(newest, o.maskVersion());
        return r.maskVersion() < newest;
    }

    /** Whether the metrics must not be read as a comparison (see {@link Metrics#flagged()}). */
    public boolean flagged() {
        return Metrics.flagged(coverage, peak);
    }

    /** Why they are flagged, one line, or null. */
    public String warning() {
        return Metrics.warning(coverage, peak);
    }
}
