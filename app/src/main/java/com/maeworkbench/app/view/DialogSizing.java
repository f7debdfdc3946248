package com.maeworkbench.app.view;

import javafx.application.Platform;
import javafx.scene.control.Dialog;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Dialogs as large as their content, so their labels wrap at the content's width instead of being cut. */
public final class DialogSizing {

    private DialogSizing() {
    }

    /**
     * No smaller than the content; and sized to it again just after it shows, centred on its owner: JavaFX 21
     * under some window managers (openbox here, with a maximised main window) ignores the size set before a
     * window shows and opens it at 200x200 (JDK-8316423, fixed in JavaFX 22).
     */
    public static void fitToContent(Dialog<?> dialog) {
        dialog.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        dialog.getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        dialog.setOnShown(e -> Platform.runLater(() -> {
            if (!(dialog.getDialogPane().getScene().getWindow() instanceof Stage stage) || !stage.isShowing()) return;
            stage.sizeToScene();
            Window owner = stage.getOwner();
            if (owner != null) {
                stage.setX(owner.getX() + Math.max(0, (owner.getWidth() - stage.getWidth()) / 2));
                stage.setY(owner.getY() + Math.max(0, (owner.getHeight() - stage.getHeight()) / 2));
            }
        }));
    }
}
