package com.maeworkbench.cli;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.FloatTiff;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.MaskFiles;
import com.maeworkbench.io.dicom.DicomExport;
import com.maeworkbench.io.dicom.DicomImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.metric.MaskCoverage;
import com.maeworkbench.metric.Metrics;
import com.maeworkbench.metric.Ranking;
import com.maeworkbench.report.ComparisonSheet;
import com.maeworkbench.report.Derivation;
import com.maeworkbench.report.MetricsJson;
import com.maeworkbench.report.MetricsReport;
import com.maeworkbench.report.ReportText;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "restore", description = "Restore one image with each method; write the results and metrics.json to --out.")
final class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "PNG, JPEG, TIFF, BMP, PNM or DICOM file.")
    Path image;

    @ArgGroup(exclusive = true, multiplicity = "1")
    MaskOption mask;

    @Option(names = "--sheet", description = "Also write <stem>-comparison.png: every method side by side with its numbers, rank and provenance.")
    boolean sheet;

    @Option(names = "--uncertainty", description = "Also write <stem>-mae-uncertainty.tif: the MAE's predicted error std per pixel "
            + "(32-bit float, normalised [0,1] units, 0 at known pixels; a few more MAE passes), and its scores in metrics.json.")
    boolean uncertainty;

    @Mixin
    RunOptions run;

    @Mixin
    FrameOptions frames;

    @Mixin
    DicomExportOptions dicom;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    private final Map<String, DicomExport> exports = new HashMap<>();

    @Override
    public Integer call() throws IOException {
        mask.parse(spec);
        List<String> methodIds = RestoreCli.usage(spec, () -> MethodSet.parse(run.methods));
        DicomImage source = dicom.dicom || frames.allFrames ? dicomSource() : null;
        if (dicom.dicom) DicomExport.checkSupported(source);
        try (MethodSet set = MethodSet.open(methodIds, common, spec.commandLine().getErr())) {
            int status = set.skippedRequested() ? RestoreCli.PARTIAL : RestoreCli.OK;
            if (!frames.allFrames) return Math.max(status, restore(set, source, frames.frame, run.out));
            for (int f = 0; f < source.frames(); f++) {
                status = Math.max(status, restore(set, source, f, run.out.resolve(String.format(Locale.ROOT, "frame-%04d", f))));
            }
            return status;
        }
    }

    /** The source as DICOM, for --all-frames and --dicom; any other format is a usage error. */
    private DicomImage dicomSource() throws ImageFileException {
        try {
            return DicomImage.open(image, common.maxPixels);
        } catch (ImageFileException e) {
            if (!ImageFiles.isDicom(image)) {
                throw new ParameterException(spec.commandLine(), (frames.allFrames ? "--all-frames" : "--dicom") + " needs a DICOM image: " + image);
            }
            throw e;
        }
    }

    private int restore(MethodSet set, DicomImage source, int frame, Path out) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        FloatImage original = source != null ? source.frame(frame) : ImageFiles.read(image, frame, common.maxPixels);
        Mask m = mask.resolve(original.width(), original.height());
        String stem = ImageFiles.stem(image), ext = ImageFiles.resultExtension(image);
        if (uncertainty && !set.methods().contains(set.mae())) {
            throw new IllegalArgumentException("--uncertainty needs the MAE (not in --methods, or unavailable)");
        }
        List<MetricsReport.Result> results = new ArrayList<>();
        List<FloatImage> restored = new ArrayList<>(); // kept for --sheet only: a 16 MP result is 192 MB of floats
        UncertaintyOutput uncertain = null;
        boolean created = !Files.isDirectory(out);
        Files.createDirectories(out);
        // Each result is written as soon as it is measured and then dropped; the files take their names only
        // when every method has run, so a failure still leaves no partial output.
        try (StagedFiles staged = new StagedFiles(out);
             Progress progress = Progress.start("restore", set.methods().size(), true)) {
            for (var method : set.methods()) {
                progress.working(method.id());
                Timed r = Timed.run(method, original, m);
                String file = stem + "-" + r.method().id() + "." + ext;
                ImageFiles.write(r.restored(), staged.stage(file));
                if (dicom.dicom) {
                    // one series per method, across frames
                    DicomExport export = exports.get(r.method().id());
                    if (export == null) exports.put(r.method().id(), export = new DicomExport(source, r.method().id(),
                            Derivation.of(r.method()), dicom.anonymise));
                    export.write(r.restored(), frame, staged.stage(stem + "-" + r.method().id() + ".dcm"));
                }
                results.add(new MetricsReport.Result(r.method().id(), r.method().displayName(), file, r.metrics()));
                if (sheet) restored.add(r.restored());
                if (uncertainty && r.method() == set.mae()) {
                    progress.working("mae uncertainty");
                    uncertain = UncertaintyOutput.compute(set.mae(), original, m, r.restored(), stem);
                    FloatTiff.write(original.width(), original.height(), uncertain.map().sigma(), staged.stage(uncertain.summary().file()));
                }
                progress.step();
            }
            progress.close(); // off the terminal before the table
            MetricsReport report = MetricsReport.of(set.provenance(), image.toString(), original, mask.describe(), MaskCoverage.of(m), results);
            if (uncertain != null) {
                report = report.withUncertainty(uncertain.summary());
                if (!uncertain.map().calibrated()) err.println("uncertainty: " + uncertain.summary().calibration());
            }
            if (report.warning() != null) {
                err.println("warning: " + image + (frames.allFrames ? " frame " + frame : "") + ": " + report.warning());
                err.flush();
            }
            if (sheet) ImageFiles.write(ComparisonSheet.render(report, original, m, original.window(), restored), staged.stage(stem + "-comparison.png"));
            MaskFiles.write(m, staged.stage(stem + "-mask.png"));
            TextFiles.writeAtomically(staged.stage("metrics.json"), MetricsJson.toJson(report));
            staged.commit();
            printTable(spec.commandLine().getOut(), report, out);
            return RestoreCli.OK;
        } catch (IOException | RuntimeException e) {
            if (created) deleteIfEmpty(out, e);
            throw e;
        }
    }

    private static void deleteIfEmpty(Path dir, Exception cause) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) Files.delete(dir);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static void printTable(PrintWriter out, MetricsReport report, Path dir) {
        Ranking ranking = report.ranking();
        for (MetricsReport.Result r : report.results()) {
            Metrics x = r.metrics();
            Ranking.Entry e = ranking.entry(r.method());
            out.printf(Locale.ROOT, "%-10s PSNR in mask %6s dB  SSIM in mask %6s  rank %s  %-26s %8.1f ms  -> %s%n", r.method(),
                    ReportText.display(x.psnrMasked(), 2), ReportText.display(x.ssim(), 4), ranking.valid() ? e.rank() : "-",
                    ranking.valid() ? ReportText.gap(e) : "", x.millis(), dir.resolve(r.file()));
        }
        out.printf(Locale.ROOT, "PSNR peak: the original's range, %s of full scale (bit-depth peak 1.0 in metrics.json)%s%n",
                ReportText.number(report.peak(), 4), ranking.valid() ? "" : "; no ranking: " + ranking.reason());
        MetricsReport.Uncertainty u = report.uncertainty();
        if (u != null) {
            out.printf(Locale.ROOT, "%-10s Spearman %s (trivial %s), top 10%% %s x mean RMSE (trivial %s), %d passes %.0f ms  -> %s%n", "uncertainty",
                    ReportText.number(u.spearman(), 3), ReportText.number(u.spearmanTrivial(), 3), ReportText.number(u.top10(), 2),
                    ReportText.number(u.top10Trivial(), 2), u.passes(), u.millis(), dir.resolve(u.file()));
        }
        out.flush();
    }
}
