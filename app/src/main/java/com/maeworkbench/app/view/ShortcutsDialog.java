package com.maeworkbench.app.view;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Lists the keyboard shortcuts. */
final class ShortcutsDialog {

    static final String[][] KEYS = {
            {"B / E / R / H", "Brush / eraser / rectangle / pan tool"},
            {"[  ]", "Smaller / bigger brush"},
            {"Alt + drag", "Erase with the brush or rectangle"},
            {"Right or middle drag", "Pan (all panels together)"},
            {"Wheel", "Zoom about the cursor"},
            {"F / 1", "Fit / 1:1"},
            {"Ctrl + = / Ctrl + −", "Zoom in / out"},
            {"Ctrl+Z / Ctrl+Shift+Z", "Undo / redo stroke"},
            {"P / K", "Random patches / strokes"},
            {"I / Delete", "Invert / clear mask"},
            {"G", "Patch grid at the model's patch size"},
            {"D", "Difference heatmap"},
            {"U", "MAE uncertainty panel (where the MAE is guessing)"},
            {"S", "A/B split panel"},
            {"Space (hold)", "Show the original in every panel"},
            {"W", "Auto window (percentiles)"},
            {"Page Up / Page Down", "Previous / next slice (multi-frame DICOM, series folder)"},
            {"Home / End", "First / last slice"},
            {"Ctrl+Shift+I", "Image info: format, frame, what decoding did to the pixels"},
            {"Ctrl+O / Ctrl+Shift+O", "Open an image / a folder's first image"},
            {"Ctrl+G", "Sample gallery"},
            {"Ctrl+E / Ctrl+Shift+E / Ctrl+M", "Export restored / sheet / metrics"},
            {"Ctrl+S / Ctrl+L", "Save / load mask"},
            {"Ctrl+I", "Model provenance"},
            {"Ctrl+Shift+D / Ctrl+T", "Timing overlay / summary"},
            {"F11", "Present (full screen); there ← → step, Space original, D difference, Esc or F11 leaves"},
    };

    private ShortcutsDialog() {
    }

    static void show(Window owner) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Keyboard shortcuts");
        GridPane g = new GridPane();
        g.setHgap(16);
        g.setVgap(4);
        for (int i = 0; i < KEYS.length; i++) {
            Label k = new Label(KEYS[i][0]);
            k.getStyleClass().add("shortcut-key");
            g.addRow(i, k, new Label(KEYS[i][1]));
        }
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        DialogSizing.fitToContent(d);
        d.show();
    }
}
