package com.maeworkbench.app.service;

import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.AtomicFiles;
import com.maeworkbench.io.ReportFormat;
import com.maeworkbench.io.MaskFiles;
import com.maeworkbench.mae.ModelInfo;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.metric.Metrics;
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
 * holds the depth: {@link ImageFiles#resultExtension}, as the CLI), the mask, the comparison
 * sheet and the metrics. Every file is written atomically, and nothing ever replaces the opened image.
 */
public final class Exporter implements AutoCloseable {

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

    /** Writes an already rendered sheet (RGB, 8-bit) as PNG. */
    public CompletableFuture<Boolean> exportSheet(FloatImage sheet, Path file) {
        return run("Export comparison sheet", () -> {
            guard(file);
            ImageFiles.write(sheet, file);
            return "comparison sheet written to " + file.getFileName();
        });
    }

    /** Metrics as CSV or JSON, chosen by the file's extension. */
    public CompletableFuture<Boolean> exportMetrics(Path file) {
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        String text = json ? metricsJson() : metricsCsv();
        return run("Export metrics", () -> {
            guard(file);
            AtomicFiles.writeString(file, text);
            return "metrics written to " + file.getFileName();
        });
    }

    private List<MethodResult> measured() {
        List<MethodResult> out = new ArrayList<>();
        for (var m : state.methods()) {
            MethodResult r = state.results().get(m.id());
            if (r != null && r.metrics() != null) out.add(r);
        }
        return out;
    }

    String metricsCsv() {
        StringBuilder sb = new StringBuilder("image,mask_ratio,method,psnr_masked_db,psnr_full_db,ssim_masked,runtime_ms\n");
        String image = state.getImagePath() == null ? "" : state.getImagePath().getFileName().toString();
        double ratio = state.getMask() == null ? Double.NaN : state.getMask().ratio();
        for (MethodResult r : measured()) {
            Metrics m = r.metrics();
            sb.append(String.format(Locale.ROOT, "%s,%.4f,%s,%s,%s,%s,%.1f%n", ReportFormat.csvField(image), ratio, r.methodId(),
                    ReportFormat.csvNumber(m.psnrMasked(), 4), ReportFormat.csvNumber(m.psnrFull(), 4), ReportFormat.csvNumber(m.ssim(), 4), m.millis()));
        }
        return sb.toString();
    }

    String metricsJson() {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"image\": ").append(ReportFormat.jsonString(state.getImagePath() == null ? "" : state.getImagePath().toString())).append(",\n");
        sb.append(String.format(Locale.ROOT, "  \"mask_ratio\": %.4f,%n", state.getMask() == null ? 0 : state.getMask().ratio()));
        ModelInfo info = state.modelInfoProperty().get();
        if (info != null) {
            sb.append("  \"model\": {\"name\": ").append(ReportFormat.jsonString(info.name())).append(", \"version\": ")
                    .append(ReportFormat.jsonString(info.version())).append("},\n");
        }
        sb.append("  \"note\": \"AI reconstruction - not for diagnostic use\",\n  \"methods\": [\n");
        List<MethodResult> rs = measured();
        for (int i = 0; i < rs.size(); i++) {
            Metrics m = rs.get(i).metrics();
            sb.append(String.format(Locale.ROOT, "    {\"id\": %s, \"psnr_masked_db\": %s, \"psnr_full_db\": %s, \"ssim_masked\": %s, \"runtime_ms\": %.1f}%s%n",
                    ReportFormat.jsonString(rs.get(i).methodId()), ReportFormat.jsonNumber(m.psnrMasked(), 4), ReportFormat.jsonNumber(m.psnrFull(), 4), ReportFormat.jsonNumber(m.ssim(), 4), m.millis(),
                    i + 1 < rs.size() ? "," : ""));
        }
        return sb.append("  ]\n}\n").toString();
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
