package com.maeworkbench.app.service;

import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.dicom.DicomExport;
import com.maeworkbench.io.dicom.DicomImage;
import com.maeworkbench.io.dicom.DicomSeries;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.report.Derivation;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Writes restored images as DICOM Secondary Capture through the core's {@link DicomExport}, one new series per
 * method (the CLI's {@code restore --dicom}). Results already on screen for the slice shown are written as they
 * are; every other slice is decoded and restored here, method by method, on a low-priority thread of its own,
 * with progress and cancel. Each file is written atomically; a cancelled or failed run keeps the files it
 * finished and says how many.
 */
public final class DicomExporter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DicomExporter.class.getName());

    /** One slice to write: its source frame, its mask, and results already computed for it by method id. */
    public record SliceJob(int index, DicomSeries.Slice source, Mask mask, Map<String, FloatImage> restored) {
        public SliceJob {
            restored = Map.copyOf(restored);
        }
    }

    /**
     * What to write. {@code allSlices}: a multi-frame file's frames go into {@code frame-NNNN/} folders, as the
     * CLI's {@code --all-frames} writes them; otherwise each file is {@code STEM-METHOD.dcm} in {@code folder}.
     */
    public record Plan(List<RestorationMethod> methods, List<SliceJob> slices, boolean allSlices, boolean anonymise, Path folder) {
        public Plan {
            methods = List.copyOf(methods);
            slices = List.copyOf(slices);
        }

        public Path target(SliceJob slice, RestorationMethod method) {
            DicomImage source = slice.source().image();
            Path dir = allSlices && source.frames() > 1
                    ? folder.resolve(String.format(Locale.ROOT, "frame-%04d", slice.source().frame())) : folder;
            return dir.resolve(ImageFiles.stem(source.path()) + "-" + method.id() + ".dcm");
        }

        public List<Path> targets() {
            List<Path> out = new ArrayList<>();
            for (SliceJob s : slices) for (RestorationMethod m : methods) out.add(target(s, m));
            return out;
        }
    }

    /** {@code done} of {@code total} files written; {@code step} says what is being done now. */
    public record Progress(int done, int total, String step) {
    }

    /** How a run ended: {@code error} (one line) when it failed, {@code cancelled} when the user stopped it. */
    public record Outcome(int written, int total, boolean cancelled, String error, Path folder) {
        public boolean ok() {
            return !cancelled && error == null;
        }
    }

    /** A run in progress. */
    public static final class Run {
        private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        private volatile boolean cancelled;
        private Thread worker; // guarded by this; set while writing

        public CompletableFuture<Outcome> outcome() {
            return outcome;
        }

        /** Stops after the method running now (an interruptible one at once); the files written so far stay. */
        public synchronized void cancel() {
            cancelled = true;
            if (worker != null) worker.interrupt();
        }

        private synchronized void begin() {
            worker = Thread.currentThread();
        }

        private synchronized void end() {
            worker = null;
            Thread.interrupted(); // a cancel that came late must not reach the next run
        }

        public boolean isCancelled() {
            return cancelled;
        }
    }

    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dicom-export");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1); // the live panels first
        return t;
    });
    private final Executor fx;

    /** {@code fx} receives progress ({@code Platform::runLater} in the app). */
    public DicomExporter(Executor fx) {
        this.fx = fx;
    }

    /** Starts writing {@code plan}; {@code progress} hears of every file on {@code fx}. */
    public Run start(Plan plan, Consumer<Progress> progress) {
        Run run = new Run();
        io.execute(() -> {
            int[] written = {0};
            Outcome end;
            run.begin();
            try {
                write(plan, run, written, progress);
                end = new Outcome(written[0], plan.targets().size(), run.cancelled, null, plan.folder());
            } catch (Throwable e) { // errors too: the export thread must stay, and the user must hear why
                if (run.cancelled || isInterruption(e)) {
                    end = new Outcome(written[0], plan.targets().size(), true, null, plan.folder());
                } else {
                    String why = e instanceof ImageFileException ? e.getMessage() : Failures.reason(e);
                    if (!(e instanceof ImageFileException)) LOG.log(Level.ERROR, "DICOM export failed", e);
                    end = new Outcome(written[0], plan.targets().size(), false, why, plan.folder());
                }
            } finally {
                run.end();
            }
            run.outcome.complete(end);
        });
        return run;
    }

    private void write(Plan plan, Run run, int[] written, Consumer<Progress> progress) throws IOException {
        Set<Path> sources = new HashSet<>();
        for (SliceJob s : plan.slices()) sources.add(s.source().image().path().toAbsolutePath().normalize());
        for (Path target : plan.targets()) {
            if (sources.contains(target.toAbsolutePath().normalize())) {
                throw new ImageFileException(target, "refusing to overwrite the opened image; choose another folder");
            }
        }
        int total = plan.targets().size(), n = plan.slices().size();
        // One series per method across slices: the first slice's export, and its siblings for other files.
        Map<String, Map<DicomImage, DicomExport>> series = new HashMap<>();
        for (int k = 0; k < n; k++) {
            SliceJob slice = plan.slices().get(k);
            DicomImage source = slice.source().image();
            FloatImage image = null;
            for (RestorationMethod method : plan.methods()) {
                if (run.cancelled || Thread.currentThread().isInterrupted()) return;
                String where = (n > 1 ? "slice " + (slice.index() + 1) + " (" + (k + 1) + " of " + n + "), " : "") + method.displayName();
                int done = written[0];
                toFx(() -> progress.accept(new Progress(done, total, where)));
                FloatImage restored = slice.restored().get(method.id());
                if (restored == null) {
                    if (image == null) image = source.frame(slice.source().frame());
                    try {
                        restored = method.restore(image, slice.mask());
                    } catch (RuntimeException | Error e) {
                        if (run.cancelled || isInterruption(e)) throw e;
                        throw new ImageFileException(source.path(), where + " failed: " + Failures.reason(e), e);
                    }
                }
                if (run.cancelled) return;
                Map<DicomImage, DicomExport> ofMethod = series.computeIfAbsent(method.id(), id -> new HashMap<>());
                DicomExport export = ofMethod.isEmpty()
                        ? new DicomExport(source, method.id(), Derivation.of(method), plan.anonymise())
                        : ofMethod.containsKey(source) ? ofMethod.get(source) : ofMethod.values().iterator().next().forSlice(source);
                ofMethod.putIfAbsent(source, export);
                Path target = plan.target(slice, method);
                Files.createDirectories(target.getParent());
                export.write(restored, slice.source().frame(), target);
                written[0]++;
            }
        }
        int done = written[0];
        toFx(() -> progress.accept(new Progress(done, total, "done")));
    }

    private void toFx(Runnable r) {
        try {
            fx.execute(r);
        } catch (RuntimeException e) {
            // the toolkit is gone (the window closed mid-export): nobody to tell
        }
    }

    private static boolean isInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException
                    || t instanceof java.util.concurrent.CancellationException) return true;
        }
        return false;
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
