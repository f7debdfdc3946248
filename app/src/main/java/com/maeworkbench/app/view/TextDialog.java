package com.maeworkbench.app.view;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** A read-only text in a resizable dialog (a report that can be selected and copied). */
public final class TextDialog {

    private TextDialog() {
    }

    public static void show(Window owner, String title, String text) {
        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(title);
        d.setResizable(true);
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.getStyleClass().add("mono");
        area.setPrefColumnCount(90);
        area.setPrefRowCount(Math.min(30, (int) text.lines().count() + 1));
        d.getDialogPane().setContent(area);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        DialogSizing.fitToContent(d);
        d.show();
    }
}
