package com.maeworkbench.cli;

import com.maeworkbench.image.FloatImage;
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
        List<Timed> runs = new ArrayList<>();
        for (var method : set.methods()) runs.add(Timed.run(method, original, m));
        List<MetricsReport.Result> results = runs.stream().map(r -> new MetricsReport.Result(r.method().id(),
                r.method().displayName(), stem + "-" + r.method().id() + "." + ext, r.metrics())).toList();
        MetricsReport report = MetricsReport.of(set.provenance(), image.toString(), original, mask.describe(), MaskCoverage.of(m), results);
        if (report.warning() != null) {
            err.println("warning: " + image + (frames.allFrames ? " frame " + frame : "") + ": " + report.warning());
            err.flush();
        }
        // Everything is computed before the first byte is written: a failure leaves no partial output.
        FloatImage comparison = sheet ? ComparisonSheet.render(report, original, m, original.window(), runs.stream().map(Timed::restored).toList()) : null;
        Files.createDirectories(out);
        MaskFiles.write(m, out.resolve(stem + "-mask.png"));
        for (int i = 0; i < runs.size(); i++) {
            Timed r = runs.get(i);
            ImageFiles.write(r.restored(), out.resolve(report.results().get(i).file()));
            if (dicom.dicom) {
                // one series per method, across frames
                DicomExport export = exports.get(r.method().id());
                if (export == null) exports.put(r.method().id(), export = new DicomExport(source, r.method().id(),
                        DicomExportOptions.derivation(r.method()), dicom.anonymise));
                export.write(r.restored(), frame, out.resolve(stem + "-" + r.method().id() + ".dcm"));
            }
        }
        TextFiles.writeAtomically(out.resolve("metrics.json"), MetricsJson.toJson(report));
        if (comparison != null) ImageFiles.write(comparison, out.resolve(stem + "-comparison.png"));
        printTable(spec.commandLine().getOut(), report, out);
        return RestoreCli.OK;
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
        out.flush();
    }
}
