package com.maeworkbench.app.view;

import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.mae.ExecutionChoice;
import com.maeworkbench.mae.ModelInfo;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** The loaded model's provenance: contract values, training summary and every metadata property. */
public final class ModelInfoDialog {

    private ModelInfoDialog() {
    }

    public static void show(Window owner, WorkbenchState state) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Model provenance");
        ModelInfo info = state.modelInfoProperty().get();
        ExecutionChoice exec = state.executionProperty().get();
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        if (info == null) {
            String why = state.modelErrorProperty().get();
            dialog.setHeaderText("No model loaded" + (why == null ? "" : ": " + why));
            dialog.show();
            return;
        }
        dialog.setHeaderText(info.name() + " " + info.version());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        int row = 0;
        grid.addRow(row++, key("File"), value(String.valueOf(info.file())));
        grid.addRow(row++, key("Tile / patch"), value(info.imageSize() + " px / " + info.patchSize() + " px"));
        grid.addRow(row++, key("Mask input"), value(info.maskDescription()));
        if (exec != null) {
            grid.addRow(row++, key("Runs on"), value(exec.provider() + (exec.reason().isBlank() ? "" : " — " + exec.reason())));
            grid.addRow(row++, key("Providers built"), value(String.join(", ", exec.availableProviders())));
        }
        TextArea summary = new TextArea(info.trainingSummary());
        summary.setWrapText(true);
        summary.setEditable(false);
        summary.setPrefRowCount(5);
        grid.addRow(row++, key("Training"), summary);
        StringBuilder meta = new StringBuilder();
        info.metadata().forEach((k, v) -> meta.append(k).append(" = ").append(v).append('\n'));
        TextArea all = new TextArea(meta.toString());
        all.setEditable(false);
        all.setPrefRowCount(10);
        grid.addRow(row, key("Metadata"), all);
        grid.setPrefWidth(720);
        dialog.getDialogPane().setContent(grid);
        dialog.setResizable(true);
        dialog.show();
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        return l;
    }

    private static Label value(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(560);
        return l;
    }
}
