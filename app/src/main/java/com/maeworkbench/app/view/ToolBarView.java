package com.maeworkbench.app.view;

import com.maeworkbench.app.WorkbenchActions;
import com.maeworkbench.app.state.Tool;
import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.mae.Device;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.HBox;

import java.util.Map;

/**
 * Icon tool bar: files, mask tools, undo, generators, zoom and comparison toggles on the left, which may
 * fold into the tool bar's overflow menu on a narrow window; the model, its provenance and the device on
 * the right, which never do.
 */
public final class ToolBarView extends HBox {

    private static final Map<Tool, String> TOOL_ICONS = Map.of(Tool.BRUSH, "mdi2b-brush", Tool.ERASER, "mdi2e-eraser",
            Tool.RECTANGLE, "mdi2r-rectangle-outline", Tool.PAN, "mdi2h-hand-back-right");

    public ToolBarView(WorkbenchActions actions) {
        WorkbenchState state = actions.state();
        var masks = actions.masks();
        getStyleClass().add("workbench-toolbar");
        ToolBar tools = new ToolBar();
        tools.getStyleClass().add("workbench-tools");
        tools.setMinWidth(0);
        HBox.setHgrow(tools, Priority.ALWAYS);

        Button open = Icons.decorate(new Button(), "mdi2f-folder-open", "Open an image or DICOM file (Ctrl+O)");
        open.setOnAction(e -> actions.openDialog());
        Button samples = Icons.decorate(new Button(), "mdi2i-image-multiple", "Sample gallery (Ctrl+G)");
        samples.setOnAction(e -> actions.showSamples());
        Button export = Icons.decorate(new Button(), "mdi2f-file-export", "Export comparison sheet (Ctrl+Shift+E)");
        export.setOnAction(e -> actions.exportSheet());
        tools.getItems().addAll(open, samples, export, new Separator());

        ToggleGroup group = new ToggleGroup();
        for (Tool t : Tool.values()) {
            ToggleButton b = Icons.decorate(new ToggleButton(), TOOL_ICONS.get(t), t.label() + " (" + t.key() + ")");
            b.setId("tool-" + t.name().toLowerCase());
            b.setToggleGroup(group);
            b.setSelected(state.toolProperty().get() == t);
            b.setOnAction(e -> {
                state.toolProperty().set(t);
                b.setSelected(true);
            });
            state.toolProperty().addListener((o, a, n) -> b.setSelected(n == t));
            tools.getItems().add(b);
        }
        Button undo = Icons.decorate(new Button(), "mdi2u-undo", "Undo stroke (Ctrl+Z)");
        undo.setId("undo");
        undo.setOnAction(e -> masks.undo());
        undo.disableProperty().bind(state.history().canUndoProperty().not());
        Button redo = Icons.decorate(new Button(), "mdi2r-redo", "Redo stroke (Ctrl+Shift+Z)");
        redo.setOnAction(e -> masks.redo());
        redo.disableProperty().bind(state.history().canRedoProperty().not());
        Button patches = Icons.decorate(new Button(), "mdi2d-dice-5", "Random patches (P)");
        patches.setOnAction(e -> masks.randomPatches());
        Button strokes = Icons.decorate(new Button(), "mdi2g-gesture", "Random strokes (K)");
        strokes.setOnAction(e -> masks.randomStrokes());
        Button invert = Icons.decorate(new Button(), "mdi2i-invert-colors", "Invert mask (I)");
        invert.setOnAction(e -> masks.invert());
        Button clear = Icons.decorate(new Button(), "mdi2d-delete-outline", "Clear mask (Delete)");
        clear.setOnAction(e -> masks.clear());
        tools.getItems().addAll(new Separator(), undo, redo, new Separator(), patches, strokes, invert, clear, new Separator());

        Button fit = Icons.decorate(new Button(), "mdi2f-fit-to-page-outline", "Fit (F)");
        fit.setOnAction(e -> actions.fit());
        Button one = Icons.decorate(new Button(), "mdi2n-numeric-1-box-outline", "1:1 (1)");
        one.setOnAction(e -> actions.oneToOne());
        Button in = Icons.decorate(new Button(), "mdi2m-magnify-plus-outline", "Zoom in (Ctrl+=)");
        in.setOnAction(e -> actions.zoomBy(1.25));
        Button out = Icons.decorate(new Button(), "mdi2m-magnify-minus-outline", "Zoom out (Ctrl+−)");
        out.setOnAction(e -> actions.zoomBy(0.8));
        ToggleButton grid = Icons.decorate(new ToggleButton(), "mdi2g-grid", "Patch grid (G)");
        grid.selectedProperty().bindBidirectional(state.gridVisibleProperty());
        ToggleButton diff = Icons.decorate(new ToggleButton(), "mdi2t-thermometer", "Difference heatmap (D)");
        diff.setSelected(state.viewModeProperty().get() == ViewMode.DIFFERENCE);
        diff.setOnAction(e -> state.viewModeProperty().set(diff.isSelected() ? ViewMode.DIFFERENCE : ViewMode.IMAGE));
        state.viewModeProperty().addListener((o, a, b) -> diff.setSelected(b == ViewMode.DIFFERENCE));
        ToggleButton split = Icons.decorate(new ToggleButton(), "mdi2c-compare", "A/B split panel (S)");
        split.selectedProperty().bindBidirectional(state.splitEnabledProperty());
        tools.getItems().addAll(fit, one, in, out, new Separator(), grid, diff, split);

        ChoiceBox<Device> device = new ChoiceBox<>();
        device.getItems().setAll(Device.values());
        device.setId("device-choice");
        device.setValue(state.deviceProperty().get());
        device.setTooltip(new Tooltip("Where the MAE runs; Auto tries CUDA, then the CPU"));
        device.setMinWidth(USE_PREF_SIZE);
        device.setOnAction(e -> {
            if (device.getValue() != null && device.getValue() != state.deviceProperty().get()) actions.setDevice(device.getValue());
        });
        state.deviceProperty().addListener((o, a, b) -> device.setValue(b));
        Label model = new Label();
        model.getStyleClass().add("model-label");
        model.setId("model-name");
        model.setMinWidth(USE_PREF_SIZE);
        model.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            var info = state.modelInfoProperty().get();
            return info == null ? "no model" : info.name() + " " + info.version();
        }, state.modelInfoProperty()));
        Button choose = Icons.decorate(new Button(), "mdi2c-chip", "Choose an .onnx model");
        choose.setOnAction(e -> actions.chooseModel());
        Button provenance = Icons.decorate(new Button(), "mdi2i-information-outline", "Model provenance (Ctrl+I)");
        provenance.setId("model-info");
        provenance.setOnAction(e -> actions.showProvenance());
        HBox modelBox = new HBox(4, model, provenance, choose, device);
        modelBox.getStyleClass().add("model-box");
        modelBox.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        modelBox.setMinWidth(USE_PREF_SIZE);
        getChildren().addAll(tools, modelBox);
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    }
}
