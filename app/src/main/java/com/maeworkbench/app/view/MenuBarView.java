package com.maeworkbench.app.view;

import com.maeworkbench.app.WorkbenchActions;
import com.maeworkbench.app.state.Tool;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.mae.Device;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

import java.nio.file.Path;

/** The menu bar: every command with its keyboard shortcut. */
public final class MenuBarView extends MenuBar {

    private final WorkbenchActions actions;

    public MenuBarView(WorkbenchActions actions) {
        this.actions = actions;
        WorkbenchState state = actions.state();
        var masks = actions.masks();

        Menu recent = new Menu("Open recent");
        // Off, saying why, for images that are not DICOM or that the core's export cannot write back exactly.
        MenuItem exportDicom = item("Export as DICOM…", null, actions::exportDicom);
        exportDicom.setId("export-dicom");
        exportDicom.disableProperty().bind(state.dicomExportRefusalProperty().isNotNull());
        exportDicom.textProperty().bind(Bindings.createStringBinding(() -> {
            String why = state.dicomExportRefusalProperty().get();
            return "Export as DICOM…" + (why == null ? "" : " (" + why + ")");
        }, state.dicomExportRefusalProperty()));
        Menu file = new Menu("_File", null,
                item("_Open…", "Shortcut+O", actions::openDialog),
                item("Open _folder…", "Shortcut+Shift+O", actions::openFolderDialog),
                item("Sample _gallery…", "Shortcut+G", actions::showSamples),
                recent,
                new SeparatorMenuItem(),
                item("Export restored images…", "Shortcut+E", actions::exportRestored),
                exportDicom,
                item("Export comparison sheet…", "Shortcut+Shift+E", actions::exportSheet),
                item("Export metrics (CSV/JSON)…", "Shortcut+M", actions::exportMetrics),
                item("Save mask…", "Shortcut+S", actions::saveMask),
                item("Load mask…", "Shortcut+L", actions::loadMask),
                new SeparatorMenuItem(),
                item("_Quit", "Shortcut+Q", Platform::exit));
        file.setOnShowing(e -> {
            recent.getItems().clear();
            for (Path p : actions.recentFiles()) recent.getItems().add(item(p.toString(), null, () -> actions.open(p)));
            recent.setDisable(recent.getItems().isEmpty());
        });

        MenuItem undo = item("_Undo stroke", "Shortcut+Z", masks::undo);
        undo.disableProperty().bind(state.history().canUndoProperty().not());
        MenuItem redo = item("_Redo stroke", "Shortcut+Shift+Z", masks::redo);
        redo.disableProperty().bind(state.history().canRedoProperty().not());
        Menu edit = new Menu("_Mask", null, undo, redo, item("Redo (alternative)", "Shortcut+Y", masks::redo),
                new SeparatorMenuItem(),
                item("Random _patches", "P", masks::randomPatches),
                item("Random stro_kes", "K", masks::randomStrokes),
                item("_Invert", "I", masks::invert),
                item("_Clear", "Delete", masks::clear),
                new SeparatorMenuItem(),
                item("Bigger brush", "]", () -> masks.resizeBrush(1)),
                item("Smaller brush", "[", () -> masks.resizeBrush(-1)));

        ToggleGroup tools = new ToggleGroup();
        Menu toolMenu = new Menu("_Tools");
        for (Tool t : Tool.values()) {
            RadioMenuItem ri = new RadioMenuItem(t.label());
            ri.setToggleGroup(tools);
            ri.setAccelerator(KeyCombination.keyCombination(t.key()));
            ri.setSelected(state.toolProperty().get() == t);
            ri.setOnAction(e -> state.toolProperty().set(t));
            state.toolProperty().addListener((o, a, b) -> ri.setSelected(b == t));
            toolMenu.getItems().add(ri);
        }

        CheckMenuItem grid = new CheckMenuItem("Patch grid");
        grid.setAccelerator(KeyCombination.keyCombination("G"));
        grid.selectedProperty().bindBidirectional(state.gridVisibleProperty());
        CheckMenuItem split = new CheckMenuItem("A/B split panel");
        split.setAccelerator(KeyCombination.keyCombination("S"));
        split.selectedProperty().bindBidirectional(state.splitEnabledProperty());
        CheckMenuItem uncertainty = new CheckMenuItem("MAE uncertainty");
        uncertainty.setAccelerator(KeyCombination.keyCombination("U"));
        uncertainty.selectedProperty().bindBidirectional(state.uncertaintyShownProperty());
        CheckMenuItem debug = new CheckMenuItem("Timing overlay");
        debug.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        debug.selectedProperty().bindBidirectional(state.debugTimingsProperty());
        // Slices of a multi-frame DICOM file or a folder's series; off for a single image.
        var noSlices = Bindings.createBooleanBinding(() -> state.getSliceStack() == null || state.getSliceStack().size() < 2,
                state.sliceStackProperty());
        Menu slices = new Menu("Slice", null,
                keyItem("Previous slice", new KeyCodeCombination(KeyCode.PAGE_UP), () -> actions.stepSlice(-1)),
                keyItem("Next slice", new KeyCodeCombination(KeyCode.PAGE_DOWN), () -> actions.stepSlice(1)),
                keyItem("First slice", new KeyCodeCombination(KeyCode.HOME), actions::firstSlice),
                keyItem("Last slice", new KeyCodeCombination(KeyCode.END), actions::lastSlice));
        slices.getItems().forEach(i -> i.disableProperty().bind(noSlices));
        MenuItem imageInfo = item("Image info…", "Shortcut+Shift+I", actions::showImageInfo);
        imageInfo.disableProperty().bind(state.imageProperty().isNull());
        Menu view = new Menu("_View", null,
                imageInfo,
                slices,
                new SeparatorMenuItem(),
                item("_Fit", "F", actions::fit),
                item("1:1", "1", actions::oneToOne),
                item("Zoom in", "Shortcut+Equals", () -> actions.zoomBy(1.25)),
                item("Zoom in (keypad)", "Add", () -> actions.zoomBy(1.25)),
                item("Zoom out", "Shortcut+Minus", () -> actions.zoomBy(0.8)),
                item("Zoom out (keypad)", "Subtract", () -> actions.zoomBy(0.8)),
                new SeparatorMenuItem(),
                item("Difference heatmap", "D", actions::toggleDifference),
                uncertainty, grid, split,
                item("Auto window", "W", () -> state.windowProperty().set(
                        state.getImage() == null ? state.windowProperty().get() : WindowLevelView.percentileWindow(state.getImage(), 0.005, 0.995))),
                new SeparatorMenuItem(),
                item("_Present", "F11", actions::present),
                item("Present from steps file…", null, actions::presentFromFile),
                new SeparatorMenuItem(),
                debug,
                item("Timing summary", "Shortcut+T", actions::showTimings));

        ToggleGroup devices = new ToggleGroup();
        Menu device = new Menu("Device");
        for (Device d : Device.values()) {
            RadioMenuItem ri = new RadioMenuItem(d.name());
            ri.setToggleGroup(devices);
            ri.setSelected(state.deviceProperty().get() == d);
            ri.setOnAction(e -> actions.setDevice(d));
            state.deviceProperty().addListener((o, a, b) -> ri.setSelected(b == d));
            device.getItems().add(ri);
        }
        Menu model = new Menu("M_odel", null, device,
                item("Choose model…", null, actions::chooseModel),
                item("Use bundled model", null, actions::useBundledModel),
                item("Provenance…", "Shortcut+I", actions::showProvenance));

        Menu help = new Menu("_Help", null, item("Keyboard shortcuts", "F1", () -> ShortcutsDialog.show(getScene().getWindow())),
                item("Show log", null, actions::showLog),
                item("_About", null, () -> AboutDialog.show(getScene().getWindow())));
        getMenus().addAll(file, edit, toolMenu, view, model, help);
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        return keyItem(text, accelerator == null ? null : KeyCombination.keyCombination(accelerator), action);
    }

    private static MenuItem keyItem(String text, KeyCombination accelerator, Runnable action) {
        MenuItem mi = new MenuItem(text);
        if (accelerator != null) mi.setAccelerator(accelerator);
        mi.setOnAction(e -> action.run());
        return mi;
    }
}
