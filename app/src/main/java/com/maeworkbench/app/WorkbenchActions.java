package com.maeworkbench.app;

import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.app.service.AppLog;
import com.maeworkbench.app.service.Exporter;
import com.maeworkbench.app.service.ImageService;
import com.maeworkbench.app.service.MaskController;
import com.maeworkbench.app.service.ModelService;
import com.maeworkbench.app.service.PerfLog;
import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.LogDialog;
import com.maeworkbench.app.view.ModelInfoDialog;
import com.maeworkbench.app.view.PanelGrid;
import com.maeworkbench.app.view.SampleGallery;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeModel;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Stage;

import java.io.IOException;
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
    private Dialogs dialogs;
    private Stage stage;
    private PanelGrid grid;

    WorkbenchActions(WorkbenchState state, MaskController masks, ImageService images, ModelService models, Exporter exporter,
                     Notifier notifier, AppPreferences prefs, PerfLog perf) {
        this.state = state;
        this.masks = masks;
        this.images = images;
        this.models = models;
        this.exporter = exporter;
        this.notifier = notifier;
        this.prefs = prefs;
        this.perf = perf;
    }

    void attach(Stage stage, PanelGrid grid, Dialogs dialogs) {
        this.stage = stage;
        this.dialogs = dialogs;
        this.grid = grid;
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
                new ExtensionFilter("All files", "*.*")), openedFolder());
        if (f != null) open(f);
    }

    public CompletableFuture<Boolean> open(Path file) {
        return images.open(file, null);
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

    // --- masks
    public CompletableFuture<Boolean> loadMask() {
        if (state.getImage() == null) return done(false);
        Path f = dialogs.openFile("Load mask (white = missing)", List.of(new ExtensionFilter("Images", IMAGE_EXTENSIONS)), openedFolder());
        return f == null ? done(false) : images.loadMask(f, masks);
    }

    public CompletableFuture<Boolean> saveMask() {
        if (state.getMask() == null) return done(false);
        Path f = saveChooser("Save mask", "-mask.png", new ExtensionFilter("PNG", "*.png"));
        return f == null ? done(false) : exporter.exportMask(f);
    }

    // --- export
    public CompletableFuture<Boolean> exportRestored() {
        if (state.results().isEmpty()) return done(false);
        Path dir = dialogs.folder("Export restored images into folder");
        if (dir == null) return done(false);
        List<Path> existing = exporter.restoredTargets(dir).values().stream().filter(Files::exists).toList();
        if (!existing.isEmpty() && !dialogs.confirm("Replace " + existing.size() + " existing file(s)?",
                String.join("\n", existing.stream().map(p -> p.getFileName().toString()).toList()))) {
            return done(false);
        }
        return exporter.exportRestored(dir);
    }

    public CompletableFuture<Boolean> exportSheet() {
        if (state.getImage() == null) return done(false);
        Path f = saveChooser("Export comparison sheet", "-comparison.png", new ExtensionFilter("PNG", "*.png"));
        return f == null ? done(false) : exporter.exportSheet(f);
    }

    public CompletableFuture<Boolean> exportMetrics() {
        if (state.results().isEmpty()) return done(false);
        Path f = saveChooser("Export metrics", "-metrics.csv", new ExtensionFilter("CSV", "*.csv"), new ExtensionFilter("JSON", "*.json"));
        return f == null ? done(false) : exporter.exportMetrics(f);
    }

    private Path saveChooser(String title, String suffix, ExtensionFilter... filters) {
        Path opened = state.getImagePath();
        return dialogs.saveFile(title, opened == null ? null : ImageFiles.stem(opened) + suffix, openedFolder(), List.of(filters));
    }

    private Path openedFolder() {
        Path opened = state.getImagePath();
        return opened == null ? null : opened.getParent();
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

    /** Help → Show log: the end of the log file (its last 256 KiB), with its path. */
    public void showLog() {
        String where = AppLog.currentFile().map(f -> "Log file: " + f).orElse("No log file");
        LogDialog.show(stage, where, AppLog.tail(256 << 10));
    }

    public void showTimings() {
        notifier.info("Live update timings", perf.summary());
        System.err.println("[mae-perf] summary\n" + perf.summary());
    }
}
