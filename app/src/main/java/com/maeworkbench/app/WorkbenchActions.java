package com.maeworkbench.app;

import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.app.service.AppLog;
import com.maeworkbench.app.service.DicomExporter;
import com.maeworkbench.app.service.Exporter;
import com.maeworkbench.app.service.ImageService;
import com.maeworkbench.app.service.MaskController;
import com.maeworkbench.app.service.ModelService;
import com.maeworkbench.app.service.PerfLog;
import com.maeworkbench.app.present.PresentationScript;
import com.maeworkbench.app.present.Presenter;
import com.maeworkbench.app.service.SliceService;
import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.DicomExportDialog;
import com.maeworkbench.app.view.ImageInfoDialog;
import com.maeworkbench.app.view.LogDialog;
import com.maeworkbench.app.view.ModelInfoDialog;
import com.maeworkbench.app.view.PanelGrid;
import com.maeworkbench.app.view.SampleGallery;
import com.maeworkbench.app.view.TextDialog;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeModel;
import javafx.application.Platform;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Every user command, shared by menus, tool bar, shortcuts and drag and drop. FX thread only. */
public final class WorkbenchActions {

    static final List<String> IMAGE_EXTENSIONS = List.of("*.png", "*.jpg", "*.jpeg", "*.tif", "*.tiff", "*.bmp", "*.gif",
            "*.pgm", "*.ppm", "*.pnm", "*.dcm", "*.dicom");

    private final WorkbenchState state;
    private final MaskController masks;
    private final ImageService images;
    private final ModelService models;
    private final Exporter exporter;
    private final Notifier notifier;
    private final AppPreferences prefs;
    private final PerfLog perf;
    private final SliceService slices;
    private final DicomExportCommand dicomExport;
    private Dialogs dialogs;
    private Stage stage;
    private PanelGrid grid;
    private Presenter presenter;

    WorkbenchActions(WorkbenchState state, MaskController masks, ImageService images, ModelService models, Exporter exporter,
                     Notifier notifier, AppPreferences prefs, PerfLog perf, SliceService slices, DicomExporter dicomExporter) {
        this.state = state;
        this.masks = masks;
        this.images = images;
        this.models = models;
        this.exporter = exporter;
        this.notifier = notifier;
        this.prefs = prefs;
        this.perf = perf;
        this.slices = slices;
        this.dicomExport = new DicomExportCommand(state, dicomExporter, notifier);
    }

    void attach(Stage stage, PanelGrid grid, Dialogs dialogs) {
        this.stage = stage;
        this.dialogs = dialogs;
        this.grid = grid;
    }

    void attachPresenter(Presenter presenter) {
        this.presenter = presenter;
    }

    public MaskController masks() {
        return masks;
    }

    public WorkbenchState state() {
        return state;
    }

    // --- images
    public void openDialog() {
        Path f = dialogs.openFile("Open image", List.of(new ExtensionFilter("Images and DICOM", IMAGE_EXTENSIONS),
                new ExtensionFilter("All files", "*.*")), dialogFolder());
        if (f != null) {
            remember(f);
            open(f);
        }
    }

    public void openFolderDialog() {
        Path dir = dialogs.folder("Open the first image of a folder", dialogFolder());
        if (dir != null) {
            remember(dir);
            open(dir);
        }
    }

    /** Opens an image file, or a folder's first image; a folder without one says so and keeps the image shown. */
    public CompletableFuture<Boolean> open(Path path) {
        return open(path, null);
    }

    /** As {@link #open(Path)}, with the mask {@code maskSpec} (null: random patches with the generator's settings). */
    public CompletableFuture<Boolean> open(Path path, String maskSpec) {
        if (!Files.isDirectory(path)) return openFile(path, maskSpec);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ImageFolder.first(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).handleAsync((first, failure) -> {
            if (failure != null) {
                notifier.error("Cannot open folder", path + ": " + rootCause(failure));
                return done(false);
            }
            if (first.isEmpty()) {
                notifier.error("Cannot open folder", path + ": no image or DICOM file in it");
                return done(false);
            }
            ImageFolder.Choice choice = first.get();
            if (state.getImage() == null) state.loadingProperty().set("Opening " + path.getFileName() + "…");
            CompletableFuture<Boolean> opened = choice.series() != null
                    ? images.openSeries(path, choice.series(), maskSpec).whenComplete((ok, e) -> state.loadingProperty().set(null))
                    : openFile(choice.file(), maskSpec);
            return opened.thenApply(ok -> {
                if (ok) notifier.info("Opened " + first.get().file().getFileName(), first.get().note());
                return ok;
            });
        }, Platform::runLater).thenCompose(f -> f);
    }

    private CompletableFuture<Boolean> openFile(Path file, String maskSpec) {
        if (state.getImage() == null) state.loadingProperty().set("Opening " + file.getFileName() + "…");
        perf.opening(file.getFileName().toString());
        return images.open(file, maskSpec).whenComplete((ok, e) -> state.loadingProperty().set(null));
    }

    public List<Path> recentFiles() {
        return prefs.recentFiles();
    }

    public void showSamples() {
        try {
            SampleGallery.show(stage, Assets.samples(), s -> open(s.file()));
        } catch (IOException e) {
            notifier.error("Sample catalogue unreadable", e.getMessage());
        }
    }

    // --- slices of a multi-frame DICOM file or a folder's series
    public void goToSlice(int index) {
        slices.show(index);
    }

    public void stepSlice(int delta) {
        slices.step(delta);
    }

    public void firstSlice() {
        goToSlice(0);
    }

    public void lastSlice() {
        goToSlice(Integer.MAX_VALUE); // clamped to the last
    }

    /** View ▸ Image info: what the image is and what decoding did to its values. */
    public void showImageInfo() {
        if (state.getImage() != null) ImageInfoDialog.show(stage, state);
    }

    // --- masks
    public CompletableFuture<Boolean> loadMask() {
        if (state.getImage() == null) return done(false);
        Path f = dialogs.openFile("Load mask (white = missing)", List.of(new ExtensionFilter("Images", IMAGE_EXTENSIONS)), dialogFolder());
        if (f == null) return done(false);
        remember(f);
        return images.loadMask(f, masks);
    }

    public CompletableFuture<Boolean> saveMask() {
        if (state.getMask() == null) return done(false);
        Path f = saveChooser("Save mask", "-mask.png", new ExtensionFilter("PNG", "*.png"));
        return f == null ? done(false) : confirmSaved("Mask saved", f, exporter.exportMask(f));
    }

    // --- export
    public CompletableFuture<Boolean> exportRestored() {
        if (state.results().isEmpty()) return done(false);
        Path dir = dialogs.folder("Export restored images into folder", dialogFolder());
        if (dir == null) return done(false);
        remember(dir);
        List<Path> existing = exporter.restoredTargets(dir).values().stream().filter(Files::exists).toList();
        if (!existing.isEmpty() && !dialogs.confirm("Replace " + existing.size() + " existing file(s)?",
                String.join("\n", existing.stream().map(p -> p.toAbsolutePath().toString()).toList()))) {
            return done(false);
        }
        return confirmSaved("Restored images saved", dir, exporter.exportRestored(dir));
    }

    /**
     * File ▸ Export as DICOM: the restored images as Secondary Capture through the core's DICOM export, for the
     * slice shown or every slice; refused, with the reason, for images that are not DICOM or that the export
     * cannot write back exactly.
     */
    public CompletableFuture<Boolean> exportDicom() {
        String refusal = state.dicomExportRefusalProperty().get();
        if (refusal != null) {
            notifier.error("Cannot export as DICOM", refusal);
            return done(false);
        }
        DicomExportDialog.Choice choice = dialogs.dicomExport(dicomExport.offer());
        if (choice == null || choice.methods().isEmpty()) return done(false);
        Path dir = dialogs.folder("Export DICOM into folder", dialogFolder());
        if (dir == null) return done(false);
        remember(dir);
        return dicomExport.run(dicomExport.plan(choice, dir), stage, dialogs);
    }

    /** The DICOM export running now, or null. */
    DicomExporter.Run dicomExportRunning() {
        return dicomExport.running();
    }

    public CompletableFuture<Boolean> exportSheet() {
        if (state.getImage() == null) return done(false);
        Path f = saveChooser("Export comparison sheet", "-comparison.png", new ExtensionFilter("PNG", "*.png"));
        return f == null ? done(false) : confirmSaved("Comparison sheet saved", f, exporter.exportSheet(f));
    }

    public CompletableFuture<Boolean> exportMetrics() {
        if (state.results().isEmpty()) return done(false);
        Path f = saveChooser("Export metrics", "-metrics.csv", new ExtensionFilter("CSV", "*.csv"), new ExtensionFilter("JSON", "*.json"));
        return f == null ? done(false) : confirmSaved("Metrics saved", f, exporter.exportMetrics(f));
    }

    /** Once {@code write} succeeds: a confirmation with the full path and "Show in folder". */
    private CompletableFuture<Boolean> confirmSaved(String title, Path target, CompletableFuture<Boolean> write) {
        return write.thenApply(ok -> {
            if (ok) notifier.saved(title, target);
            return ok;
        });
    }

    private Path saveChooser(String title, String suffix, ExtensionFilter... filters) {
        Path opened = state.getImagePath();
        Path f = dialogs.saveFile(title, opened == null ? null : ImageFiles.stem(opened) + suffix, dialogFolder(), List.of(filters));
        if (f != null) remember(f);
        return f;
    }

    /** Where file dialogs open: the folder the last one was answered in, else the opened image's. */
    private Path dialogFolder() {
        Path last = prefs.lastFolder();
        if (last != null) return last;
        Path opened = state.getImagePath();
        return opened == null ? null : opened.toAbsolutePath().getParent();
    }

    private void remember(Path chosen) {
        Path folder = Files.isDirectory(chosen) ? chosen : chosen.toAbsolutePath().getParent();
        if (folder != null) prefs.saveLastFolder(folder);
    }

    private static String rootCause(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static CompletableFuture<Boolean> done(boolean value) {
        return CompletableFuture.completedFuture(value);
    }

    // --- model
    public void chooseModel() {
        Path f = dialogs.openFile("Choose an MAE model (.onnx following the contract)", List.of(new ExtensionFilter("ONNX model", "*.onnx")), null);
        if (f != null) models.load(f, state.deviceProperty().get());
    }

    public void useBundledModel() {
        models.load(MaeModel.defaultModelPath(), state.deviceProperty().get());
    }

    public void setDevice(Device device) {
        Path model = state.modelPathProperty().get();
        state.deviceProperty().set(device);
        models.load(model != null ? model : MaeModel.defaultModelPath(), device);
    }

    public void showProvenance() {
        ModelInfoDialog.show(stage, state);
    }

    // --- view
    public void fit() {
        state.fitProperty().set(true);
    }

    public void oneToOne() {
        zoomTo(1);
    }

    public void zoomBy(double factor) {
        double z = grid == null ? state.zoomProperty().get() : grid.effectiveZoom();
        zoomTo(Math.max(1 / 32.0, Math.min(64, z * factor)));
    }

    private void zoomTo(double z) {
        FloatImage img = state.getImage();
        if (img == null) return;
        if (state.fitProperty().get()) {
            state.centerXProperty().set(img.width() / 2.0);
            state.centerYProperty().set(img.height() / 2.0);
        }
        state.zoomProperty().set(z);
        state.fitProperty().set(false);
    }

    public void toggleDifference() {
        state.viewModeProperty().set(state.viewModeProperty().get() == ViewMode.DIFFERENCE ? ViewMode.IMAGE : ViewMode.DIFFERENCE);
    }

    public void toggleUncertainty() {
        state.uncertaintyShownProperty().set(!state.uncertaintyShownProperty().get());
    }

    // --- presentation
    /** View → Present (F11): the user's steps file if there is one, else the bundled steps; F11 again leaves. */
    public void present() {
        if (presenter.showing()) {
            presenter.stop();
            return;
        }
        try {
            presenter.start(stage, PresentationScript.load(Assets.samples()));
        } catch (IOException e) {
            notifier.error("Cannot start the presentation", e.getMessage());
        }
    }

    public void presentFromFile() {
        Path f = dialogs.openFile("Presentation steps (JSON)", List.of(new ExtensionFilter("Presentation steps", "*.json")), dialogFolder());
        if (f == null) return;
        remember(f);
        presentFrom(f);
    }

    /** Presents the steps in {@code file}; a file that cannot be used says why in one notification and nothing starts. */
    public boolean presentFrom(Path file) {
        try {
            presenter.start(stage, PresentationScript.read(file, Assets.samples()));
            return true;
        } catch (IOException e) {
            notifier.error("Cannot start the presentation", e.getMessage());
            return false;
        }
    }

    public Presenter presenter() {
        return presenter;
    }

    /** Help → Show log: the end of the log file (its last 256 KiB), with its path. */
    public void showLog() {
        String where = AppLog.currentFile().map(f -> "Log file: " + f).orElse("No log file");
        LogDialog.show(stage, where, AppLog.tail(256 << 10));
    }

    public void showTimings() {
        TextDialog.show(stage, "Live update timings", perf.summary());
        System.err.println("[mae-perf] summary\n" + perf.summary());
    }
}
