package com.maeworkbench.app;

import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.app.service.Exporter;
import com.maeworkbench.app.service.ImageService;
import com.maeworkbench.app.service.MaskController;
import com.maeworkbench.app.service.ModelService;
import com.maeworkbench.app.service.PerfLog;
import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.app.view.ComparisonSheet;
import com.maeworkbench.app.view.ModelInfoDialog;
import com.maeworkbench.app.view.PanelGrid;
import com.maeworkbench.app.view.SampleGallery;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeModel;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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

    void attach(Stage stage, PanelGrid grid) {
        this.stage = stage;
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
        FileChooser fc = new FileChooser();
        fc.setTitle("Open image");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Images and DICOM", IMAGE_EXTENSIONS),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        Path current = state.getImagePath();
        if (current != null && current.getParent() != null && Files.isDirectory(current.getParent())) {
            fc.setInitialDirectory(current.getParent().toFile());
        }
        File f = fc.showOpenDialog(stage);
        if (f != null) open(f.toPath());
    }

    public CompletableFuture<Boolean> open(Path file) {
        return images.open(file, null);
    }

    public List<Path> recentFiles() {
        return prefs.recentFiles();
    }

    public void showSamples() {
        SampleGallery.show(stage, Assets.samples(), s -> open(s.file()));
    }

    // --- masks
    public void loadMask() {
        if (state.getImage() == null) return;
        FileChooser fc = new FileChooser();
        fc.setTitle("Load mask (white = missing)");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", IMAGE_EXTENSIONS));
        File f = fc.showOpenDialog(stage);
        if (f != null) images.loadMask(f.toPath(), masks);
    }

    public void saveMask() {
        if (state.getMask() == null) return;
        Path f = saveChooser("Save mask", "-mask.png", new FileChooser.ExtensionFilter("PNG", "*.png"));
        if (f != null) exporter.exportMask(f);
    }

    // --- export
    public void exportRestored() {
        if (state.results().isEmpty()) return;
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Export restored images into folder");
        File dir = dc.showDialog(stage);
        if (dir == null) return;
        Map<String, Path> targets = exporter.restoredTargets(dir.toPath());
        List<Path> existing = targets.values().stream().filter(Files::exists).toList();
        if (!existing.isEmpty() && !confirm("Replace " + existing.size() + " existing file(s)?",
                String.join("\n", existing.stream().map(p -> p.getFileName().toString()).toList()))) {
            return;
        }
        exporter.exportRestored(dir.toPath());
    }

    public void exportSheet() {
        if (state.getImage() == null) return;
        Path f = saveChooser("Export comparison sheet", "-comparison.png", new FileChooser.ExtensionFilter("PNG", "*.png"));
        if (f == null) return;
        FloatImage sheet = ComparisonSheet.render(state, grid);
        exporter.exportSheet(sheet, f);
    }

    public void exportMetrics() {
        if (state.results().isEmpty()) return;
        Path f = saveChooser("Export metrics", "-metrics.csv", new FileChooser.ExtensionFilter("CSV", "*.csv"),
                new FileChooser.ExtensionFilter("JSON", "*.json"));
        if (f != null) exporter.exportMetrics(f);
    }

    private Path saveChooser(String title, String suffix, FileChooser.ExtensionFilter... filters) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(filters);
        Path opened = state.getImagePath();
        if (opened != null) {
            fc.setInitialFileName(ImageFiles.stem(opened) + suffix);
            if (opened.getParent() != null && Files.isDirectory(opened.getParent())) fc.setInitialDirectory(opened.getParent().toFile());
        }
        File f = fc.showSaveDialog(stage); // the platform dialog asks before replacing an existing file
        return f == null ? null : f.toPath();
    }

    private boolean confirm(String header, String text) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(stage);
        a.setHeaderText(header);
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    // --- model
    public void chooseModel() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Choose an MAE model (.onnx following the contract)");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("ONNX model", "*.onnx"));
        File f = fc.showOpenDialog(stage);
        if (f != null) models.load(f.toPath(), state.deviceProperty().get());
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

    public void showTimings() {
        notifier.info("Live update timings", perf.summary());
        System.err.println("[mae-perf] summary\n" + perf.summary());
    }
}
