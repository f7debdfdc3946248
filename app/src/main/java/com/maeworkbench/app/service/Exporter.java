package com.maeworkbench.app.service;

import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.AtomicFiles;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.MaskFiles;
import com.maeworkbench.mae.ExecutionChoice;
import com.maeworkbench.mae.ModelInfo;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.metric.MaskCoverage;
import com.maeworkbench.report.ComparisonSheet;
import com.maeworkbench.report.MetricsCsv;
import com.maeworkbench.report.MetricsJson;
import com.maeworkbench.report.MetricsReport;
import com.maeworkbench.report.Provenance;
import javafx.application.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes results: restored images (same size and bit depth as the input, in its container where that
 * holds the depth: {@link ImageFiles#resultExtension}, as the CLI), the mask, the comparison sheet and the
 * metrics, the last two through the core's report module, so they say what the CLI's say. Every file is
 * written atomically, and nothing ever replaces the opened image.
 */
public final class Exporter implements AutoCloseable {

    /** How the app's masks are described in reports: painted and generated masks are edited freely. */
    static final String MASK_DESCRIPTION = "drawn in the workbench";

    private final WorkbenchState state;
    private final Notifier notifier;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "export");
        t.setDaemon(true);
        return t;
    });

    public Exporter(WorkbenchState state, Notifier notifier) {
        this.state = state;
        this.notifier = notifier;
    }

    /** The files {@link #exportRestored} would write into {@code dir}, by method id. */
    public Map<String, Path> restoredTargets(Path dir) {
        Map<String, Path> out = new TreeMap<>();
        Path opened = state.getImagePath();
        String stem = opened == null ? "image" : ImageFiles.stem(opened);
        String ext = opened == null ? "png" : ImageFiles.resultExtension(opened); // the CLI's rule: TIFF stays TIFF
        for (MethodResult r : state.results().values()) {
            if (r.image() != null) out.put(r.methodId(), dir.resolve(stem + "-" + r.methodId() + "." + ext));
        }
        return out;
    }

    public CompletableFuture<Boolean> exportRestored(Path dir) {
        Map<String, Path> targets = restoredTargets(dir);
        Map<Path, FloatImage> jobs = new TreeMap<>();
        targets.forEach((id, path) -> jobs.put(path, state.results().get(id).image()));
        return run("Export restored images", () -> {
            for (var e : jobs.entrySet()) {
                guard(e.getKey());
                ImageFiles.write(e.getValue(), e.getKey());
            }
            return jobs.size() + " images written to " + dir;
        });
    }

    public CompletableFuture<Boolean> exportMask(Path file) {
        Mask mask = state.getMask().copy();
        return run("Save mask", () -> {
            guard(file);
            MaskFiles.write(mask, file);
            return "mask written to " + file.getFileName();
        });
    }

    /** The comparison sheet of what the panels show now (the core's renderer), as PNG. */
    public CompletableFuture<Boolean> exportSheet(Path file) {
        Snapshot shown = snapshot();
        return run("Export comparison sheet", () -> {
            guard(file);
            ImageFiles.write(ComparisonSheet.render(shown.report(), shown.image, shown.mask, shown.window, shown.restored), file);
            return "comparison sheet written to " + file.getFileName();
        });
    }

    /** Metrics as CSV or JSON, chosen by the file's extension: the CLI's results.csv and metrics.json schema. */
    public CompletableFuture<Boolean> exportMetrics(Path file) {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        Snapshot shown = snapshot();
        return run("Export metrics", () -> {
            guard(file);
            MetricsReport report = shown.report();
            AtomicFiles.writeString(file, json ? MetricsJson.toJson(report) : MetricsCsv.toCsv(List.of(report)));
            return "metrics written to " + file.getFileName();
        });
    }

    /**
     * What the panels show now, read on the FX thread: every method with a result, in panel order, with the mask
     * edit it answers (results of different edits are not ranked; one not measured yet says so), and the MAE's
     * model when it is among them.
     */
    private record Snapshot(List<MetricsReport.Result> results, ModelInfo model, ExecutionChoice execution, Path path,
                            FloatImage image, Mask mask, DisplayWindow window, List<FloatImage> restored) {

        /** Built on the export thread: the provenance hashes the model file. */
        MetricsReport report() {
            Provenance provenance = model == null ? Provenance.collect(null, null) : Provenance.collect(model, execution);
            return MetricsReport.of(provenance, path == null ? null : path.toString(), image, MASK_DESCRIPTION, MaskCoverage.of(mask), results);
        }
    }

    private Snapshot snapshot() {
        List<MetricsReport.Result> results = new ArrayList<>();
        List<FloatImage> restored = new ArrayList<>();
        for (RestorationMethod m : state.methods()) {
            MethodResult r = state.results().get(m.id());
            if (r != null && r.image() != null) {
                results.add(new MetricsReport.Result(m.id(), m.displayName(), null, r.metrics(), r.requestSeq()));
                restored.add(r.image());
            }
        }
        boolean mae = results.stream().anyMatch(r -> r.method().equals("mae"));
        return new Snapshot(results, mae ? state.modelInfoProperty().get() : null, mae ? state.executionProperty().get() : null,
                state.getImagePath(), state.getImage(), state.getMask().copy(), state.windowProperty().get(), restored);
    }

    @FunctionalInterface
    private interface Job {
        String run() throws IOException;
    }

    private CompletableFuture<Boolean> run(String title, Job job) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        io.execute(() -> {
            try {
                String msg = job.run();
                Platform.runLater(() -> {
                    notifier.info(title, msg);
                    done.complete(true);
                });
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> {
                    notifier.error(title + " failed", e.getMessage());
                    done.complete(false);
                });
            }
        });
        return done;
    }

    /** Refuses to replace the image that is open: results must never overwrite their source. */
    private void guard(Path target) throws ImageFileException {
        Path opened = state.getImagePath();
        if (opened != null && isSameFile(opened, target)) {
            throw new ImageFileException(target, "refusing to overwrite the opened image; choose another name");
        }
    }

    static boolean isSameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) return Files.isSameFile(a, b);
        } catch (IOException e) {
            // fall through to the path comparison
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    @Override
    public void close() {
        io.shutdown();
    }
}
