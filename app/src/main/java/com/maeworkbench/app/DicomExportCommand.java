package com.maeworkbench.app;

import com.maeworkbench.app.service.DicomExporter;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.SliceStack;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.DicomExportDialog;
import com.maeworkbench.app.view.ExportProgressDialog;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.method.RestorationMethod;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.stage.Window;
import javafx.util.Duration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * File ▸ Export as DICOM once the user has chosen: the plan (each slice with the mask it has in the user's mask
 * mode, and the results on screen for the slice shown when they answer its mask), a question before replacing
 * files, progress with Cancel when it takes a while, and a confirmation with the folder's full path. FX thread.
 */
final class DicomExportCommand {

    /** An export finishing sooner shows no progress window (the slice shown, its results already on screen). */
    static final Duration PROGRESS_DELAY = Duration.millis(400);

    private final WorkbenchState state;
    private final DicomExporter exporter;
    private final Notifier notifier;
    private DicomExporter.Run running;

    DicomExportCommand(WorkbenchState state, DicomExporter exporter, Notifier notifier) {
        this.state = state;
        this.exporter = exporter;
        this.notifier = notifier;
    }

    /** What the dialog offers: the available methods in panel order, the slices. */
    DicomExportDialog.Offer offer() {
        Map<String, String> methods = new LinkedHashMap<>();
        for (RestorationMethod m : state.methods()) if (m.availability().available()) methods.put(m.id(), m.displayName());
        SliceStack stack = state.getSliceStack();
        return new DicomExportDialog.Offer(methods, stack == null ? 1 : stack.size(), state.sliceIndexProperty().get());
    }

    DicomExporter.Plan plan(DicomExportDialog.Choice choice, Path folder) {
        SliceStack stack = state.getSliceStack();
        List<RestorationMethod> methods = state.methods().stream()
                .filter(m -> m.availability().available() && choice.methods().contains(m.id())).toList();
        int shown = state.sliceIndexProperty().get();
        Map<String, FloatImage> onScreen = new HashMap<>();
        for (RestorationMethod m : methods) {
            MethodResult r = state.results().get(m.id());
            if (r != null && r.image() != null && r.maskSeq() == state.maskSeq()) onScreen.put(m.id(), r.image());
        }
        // Copies: the live mask is edited in place, and a mode switch may make a put-aside one live.
        Map<Mask, Mask> copies = new IdentityHashMap<>();
        List<DicomExporter.SliceJob> slices = new ArrayList<>();
        for (int i = choice.allSlices() ? 0 : shown; i < (choice.allSlices() ? stack.size() : shown + 1); i++) {
            Mask mask = copies.computeIfAbsent(state.maskOfSlice(i), Mask::copy);
            slices.add(new DicomExporter.SliceJob(i, stack.slice(i), mask, i == shown ? onScreen : Map.of()));
        }
        return new DicomExporter.Plan(methods, slices, choice.allSlices(), choice.anonymise(), folder);
    }

    /** Asks before replacing files, then writes in the background; completes with whether every file was written. */
    CompletableFuture<Boolean> run(DicomExporter.Plan plan, Window owner, Dialogs dialogs) {
        if (running != null) {
            notifier.error("DICOM export already running", "wait for it to finish or cancel it");
            return CompletableFuture.completedFuture(false);
        }
        List<Path> existing = plan.targets().stream().filter(Files::exists).toList();
        if (!existing.isEmpty() && !dialogs.confirm("Replace " + existing.size() + " existing file(s)?", list(existing))) {
            return CompletableFuture.completedFuture(false);
        }
        DicomExporter.Run[] run = new DicomExporter.Run[1];
        ExportProgressDialog progress = new ExportProgressDialog(owner, "Exporting DICOM", () -> run[0].cancel());
        run[0] = exporter.start(plan, p -> {
            if (running != run[0]) return;
            state.statusProperty().set("Exporting DICOM: " + p.done() + " of " + p.total() + " files · " + p.step());
            progress.update(p.done(), p.total(), p.step());
        });
        running = run[0];
        PauseTransition later = new PauseTransition(PROGRESS_DELAY);
        later.setOnFinished(e -> {
            if (running == run[0] && owner != null && owner.isShowing()) progress.show();
        });
        later.play();
        return run[0].outcome().thenApplyAsync(o -> {
            running = null;
            later.stop();
            progress.finish();
            report(o);
            return o.ok();
        }, Platform::runLater);
    }

    /** The export running now (tests cancel it), or null. */
    DicomExporter.Run running() {
        return running;
    }

    private void report(DicomExporter.Outcome o) {
        String files = o.written() + " of " + o.total() + " files";
        if (o.error() != null) {
            notifier.error("DICOM export failed", o.error() + (o.written() > 0 ? " (" + files + " were written to " + o.folder().toAbsolutePath() + ")" : ""));
        } else if (o.cancelled()) {
            notifier.info("DICOM export cancelled", files + " written to " + o.folder().toAbsolutePath());
        } else {
            notifier.saved(o.written() + " DICOM file" + (o.written() == 1 ? "" : "s") + " written (one series per method)", o.folder());
        }
    }

    /** The paths, whole, at most 12 of them. */
    private static String list(List<Path> paths) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(12, paths.size()); i++) lines.add(paths.get(i).toAbsolutePath().toString());
        if (paths.size() > 12) lines.add("and " + (paths.size() - 12) + " more");
        return String.join("\n", lines);
    }
}
