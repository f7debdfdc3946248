package com.maeworkbench.app.view;

import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.mae.ExecutionChoice;
import com.maeworkbench.mae.ModelInfo;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import static com.maeworkbench.app.view.FactGrid.key;
import static com.maeworkbench.app.view.FactGrid.value;

/** The loaded model's provenance: contract values, training summary and every metadata property. */
public final class ModelInfoDialog {

    private ModelInfoDialog() {
    }

    /** Shows the dialog (not modal) and returns it, so a test can look inside. */
    public static Dialog<Void> show(Window owner, WorkbenchState state) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Model provenance");
        dialog.setResizable(true);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setId("provenance-dialog");
        ModelInfo info = state.modelInfoProperty().get();
        ExecutionChoice exec = state.executionProperty().get();
        Label stamp = new Label(StatusBarView.DISCLAIMER);
        stamp.getStyleClass().add("disclaimer");
        if (info == null) {
            String why = state.modelErrorProperty().get();
            dialog.setHeaderText("No model loaded");
            dialog.getDialogPane().setContent(new VBox(8, value(why == null ? "Model ▸ Choose model… loads one." : why), stamp));
            DialogSizing.fitToContent(dialog);
            dialog.show();
            return dialog;
        }
        dialog.setHeaderText(info.name() + " " + info.version());
        GridPane grid = FactGrid.grid();
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
        all.setPrefRowCount(8);
        grid.addRow(row, key("Metadata"), all);
        grid.setPrefWidth(720);
        dialog.getDialogPane().setContent(new VBox(10, grid, stamp));
        DialogSizing.fitToContent(dialog);
        dialog.show();
        return dialog;
    }
}
