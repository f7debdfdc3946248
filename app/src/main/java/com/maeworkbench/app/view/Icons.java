package com.maeworkbench.app.view;

import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;

/** Buttons with a Material Design icon and a tooltip naming the action and its shortcut. */
final class Icons {

    private Icons() {
    }

    static <B extends ButtonBase> B decorate(B button, String icon, String tooltip) {
        FontIcon fi = new FontIcon(icon);
        fi.getStyleClass().add("tool-icon");
        button.setGraphic(fi);
        button.setTooltip(new Tooltip(tooltip));
        button.getStyleClass().add("tool-button");
        return button;
    }
}
