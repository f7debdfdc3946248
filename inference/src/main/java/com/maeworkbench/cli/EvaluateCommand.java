package com.maeworkbench.cli;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;
import com.maeworkbench.metric.MaskCoverage;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.report.EvaluationSummary;
import com.maeworkbench.report.MetricsCsv;
import com.maeworkbench.report.MetricsReport;
import com.maeworkbench.report.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "evaluate", description = "Every image x mask x method: results.csv and summary.md in --out.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--images", paramLabel = "DIR", required = true, description = "Folder of images (repeatable).")
    List<String> imageDirs;

    @Option(names = "--mask", paramLabel = "SPEC", required = true, description = "Mask recipe (repeatable).")
    List<String> maskSpecs;

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
        List<MaskSpec> specs = RestoreCli.usage(spec, () -> maskSpecs.stream().map(MaskSpec::parse).toList());
        List<String> methodIds = RestoreCli.usage(spec, () -> MethodSet.parse(run.methods));
        List<String> images = listImages(imageDirs);
        List<MetricsReport> reports = new ArrayList<>();
        boolean partial;
        try (MethodSet set = MethodSet.open(methodIds, common, err);
             Progress progress = Progress.start("evaluate", (long) images.size() * specs.size() * set.methods().size(), false)) {
            partial = set.skippedRequested();
            Provenance provenance = set.provenance();
            for (String name : images) {
                FloatImage original;
                try {
                    original = ImageFiles.read(Path.of(name), common.maxPixels);
                } catch (ImageFileException e) {
                    err.println("skipped " + RestoreCli.oneLine(e));
                    err.flush();
                    partial = true;
                    for (int k = 0; k < specs.size() * set.methods().size(); k++) progress.step();
                    continue;
                }
                String file = Path.of(name).getFileName().toString();
                for (MaskSpec maskSpec : specs) {
                    Mask mask = maskSpec.generate(original.width(), original.height());
                    List<MetricsReport.Result> results = new ArrayList<>();
                    for (RestorationMethod method : set.methods()) {
                        progress.working(method.id() + " on " + file);
                        results.add(new MetricsReport.Result(method.id(), method.displayName(), null, Timed.run(method, original, mask).metrics()));
                        progress.step();
                    }
                    MetricsReport report = MetricsReport.of(provenance, name, original, maskSpec.toString(), MaskCoverage.of(mask), results);
                    if (report.flagged()) {
                        err.println("warning: " + name + " " + maskSpec + ": " + report.warning());
                        err.flush();
                    }
                    reports.add(report);
                }
                if (!progress.shown()) { // on a terminal the bar says it
                    stdout.printf(Locale.ROOT, "%s: %d masks x %d methods%n", name, specs.size(), set.methods().size());
                    stdout.flush();
                }
            }
        }
        Files.createDirectories(run.out);
        TextFiles.writeAtomically(run.out.resolve("results.csv"), MetricsCsv.toCsv(reports));
        String summary = EvaluationSummary.markdown(reports);
        TextFiles.writeAtomically(run.out.resolve("summary.md"), summary);
        stdout.print(summary);
        stdout.flush();
        return partial ? RestoreCli.PARTIAL : RestoreCli.OK;
    }

    /** Regular, visible files of each folder, by name; the folder as passed joined with the file name. */
    private static List<String> listImages(List<String> dirs) throws IOException {
        List<String> names = new ArrayList<>();
        for (String dir : dirs) {
            Path p = Path.of(dir);
            if (!Files.isDirectory(p)) throw new IllegalArgumentException(dir + ": not a folder");
            try (Stream<Path> files = Files.list(p)) {
                String prefix = dir.endsWith("/") || dir.endsWith(java.io.File.separator) ? dir : dir + "/";
                files.filter(Files::isRegularFile)
                        .map(f -> f.getFileName().toString())
                        .filter(n -> !n.startsWith("."))
                        .sorted()
                        .forEach(n -> names.add(prefix + n));
            }
        }
        return names;
    }
}
