package com.maeworkbench.app.view;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** The end of the app's log (Help → Show log), scrolled to the newest line; the header names the file. */
public final class LogDialog {

    private LogDialog() {
    }

    public static void show(Window owner, String where, String text) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Log");
        dialog.setHeaderText(where);
        TextArea log = new TextArea(text);
        log.setId("log-text");
        log.setEditable(false);
        log.getStyleClass().add("log-text");
        log.setPrefColumnCount(110);
        log.setPrefRowCount(30);
        log.positionCaret(text.length());
        dialog.getDialogPane().setPrefWidth(1000);
        dialog.getDialogPane().setContent(log);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.setResizable(true);
        dialog.show();
    }
}
