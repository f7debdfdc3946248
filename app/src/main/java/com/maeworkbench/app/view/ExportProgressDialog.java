package com.maeworkbench.app.view;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Progress of a long export, with Cancel. Not modal: the workbench stays usable while it runs. Closes itself
 * when told the export ended; closing it early cancels.
 */
public final class ExportProgressDialog {

    private final Dialog<Void> dialog = new Dialog<>();
    private final ProgressBar bar = new ProgressBar(0);
    private final Label count = new Label("Starting…");
    private final Label step = new Label();
    private boolean finished;

    public ExportProgressDialog(Window owner, String title, Runnable cancel) {
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.getDialogPane().setId("export-progress-dialog");
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CANCEL);
        bar.setId("export-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        count.setId("export-count");
        step.setId("export-step");
        step.getStyleClass().add("caption");
        // A fixed width: the window does not follow its content once shown, and the texts change as it runs.
        VBox content = new VBox(8, bar, count, step);
        content.setPrefWidth(520);
        content.setMinWidth(Region.USE_PREF_SIZE);
        dialog.getDialogPane().setContent(content);
        dialog.setOnHidden(e -> {
            if (!finished) cancel.run(); // Cancel, Escape or the window's close box
        });
        DialogSizing.fitToContent(dialog);
    }

    public void show() {
        dialog.show();
    }

    /** {@code done} of {@code total} written, now doing {@code what}. FX thread. */
    public void update(int done, int total, String what) {
        bar.setProgress(total == 0 ? 0 : done / (double) total);
        count.setText(done + " of " + total + " files written");
        step.setText("Now: " + what);
    }

    /** The export ended: closes without cancelling. */
    public void finish() {
        finished = true;
        dialog.close();
    }

    public Dialog<Void> dialog() {
        return dialog;
    }
}
