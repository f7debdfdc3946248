package com.maeworkbench.app.view;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** What the workbench is for, and what it is not for. */
final class AboutDialog {

    private AboutDialog() {
    }

    static void show(Window owner) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("About");
        d.setHeaderText("MAE Restoration Workbench");
        Label what = new Label("Shows a masked autoencoder (MAE) reconstructing the masked part of an image live, next to "
                + "classical hole-filling methods, with PSNR and SSIM measured inside the mask. Model provenance: Model ▸ Provenance (Ctrl+I).");
        what.setWrapText(true);
        Label stamp = new Label(StatusBarView.DISCLAIMER + ". Reconstructed pixels are the model's guess, not measurements.");
        stamp.getStyleClass().add("disclaimer");
        stamp.setWrapText(true);
        VBox box = new VBox(10, what, stamp);
        box.setPrefWidth(480);
        d.getDialogPane().setContent(box);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        DialogSizing.fitToContent(d);
        d.show();
    }
}
