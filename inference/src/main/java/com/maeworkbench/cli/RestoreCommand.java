package com.maeworkbench.cli;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.MaskFiles;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        mask.parse(spec);
        List<String> methodIds = RestoreCli.usage(spec, () -> MethodSet.parse(run.methods));
        FloatImage original = ImageFiles.read(image, common.maxPixels);
        Mask m = mask.resolve(original.width(), original.height());
        MaskCoverage coverage = MaskCoverage.of(m);
        String stem = ImageFiles.stem(image), ext = ImageFiles.resultExtension(image);
        List<Timed> runs = new ArrayList<>();
        MetricsReport report;
        boolean partial;
        try (MethodSet set = MethodSet.open(methodIds, common, err)) {
            for (var method : set.methods()) runs.add(Timed.run(method, original, m));
            partial = set.skippedRequested();
            List<MetricsReport.Result> results = runs.stream().map(r -> new MetricsReport.Result(r.method().id(),
                    r.method().displayName(), stem + "-" + r.method().id() + "." + ext, r.metrics())).toList();
            report = MetricsReport.of(set.provenance(), image.toString(), original, mask.describe(), coverage, results);
        }
        String warning = report.warning();
        if (warning != null) {
            err.println("warning: " + image + ": " + warning);
            err.flush();
        }
        // Everything is computed before the first byte is written: a failure leaves no partial output.
        FloatImage comparison = sheet ? ComparisonSheet.render(report, original, m, original.window(), runs.stream().map(Timed::restored).toList()) : null;
        Files.createDirectories(run.out);
        MaskFiles.write(m, run.out.resolve(stem + "-mask.png"));
        for (int i = 0; i < runs.size(); i++) ImageFiles.write(runs.get(i).restored(), run.out.resolve(report.results().get(i).file()));
        TextFiles.writeAtomically(run.out.resolve("metrics.json"), MetricsJson.toJson(report));
        if (comparison != null) ImageFiles.write(comparison, run.out.resolve(stem + "-comparison.png"));
        printTable(stdout, report);
        return partial ? RestoreCli.PARTIAL : RestoreCli.OK;
    }

    private void printTable(PrintWriter out, MetricsReport report) {
        Ranking ranking = report.ranking();
        for (MetricsReport.Result r : report.results()) {
            Metrics x = r.metrics();
            Ranking.Entry e = ranking.entry(r.method());
            out.printf(Locale.ROOT, "%-10s PSNR in mask %6s dB  SSIM in mask %6s  rank %s  %-26s %8.1f ms  -> %s%n", r.method(),
                    ReportText.number(x.psnrMasked(), 2), ReportText.number(x.ssim(), 4), ranking.valid() ? e.rank() : "-",
                    ranking.valid() ? ReportText.gap(e) : "", x.millis(), run.out.resolve(r.file()));
        }
        out.printf(Locale.ROOT, "PSNR peak: the original's range, %s of full scale (bit-depth peak 1.0 in metrics.json)%s%n",
                ReportText.number(report.peak(), 4), ranking.valid() ? "" : "; no ranking: " + ranking.reason());
        out.flush();
    }
}
