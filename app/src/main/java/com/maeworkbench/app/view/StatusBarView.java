package com.maeworkbench.app.view;

import atlantafx.base.controls.Popover;
import com.maeworkbench.app.state.WorkbenchState;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.text.Text;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Status line: the permanent "not for diagnostic use" badge, the last message, pixel readout, where the MAE
 * runs, a busy spinner and a details pop-over. Nothing here is ever cut: the badge, readout and device keep
 * their width; a message too long for what is left shows its headline, and the pop-over has it whole.
 */
public final class StatusBarView extends HBox {

    /** Shown in the main window at every size, in its title, and on every export. */
    public static final String DISCLAIMER = "AI reconstruction — not for diagnostic use";

    private final Label message = new Label();
    private final WorkbenchState state;

    public StatusBarView(WorkbenchState state) {
        this.state = state;
        getStyleClass().add("status-bar");
        setId("status-bar");
        setSpacing(12);
        Label disclaimer = new Label(DISCLAIMER, new FontIcon("mdi2a-alert-outline"));
        disclaimer.setId("disclaimer");
        disclaimer.getStyleClass().add("disclaimer");
        disclaimer.setMinWidth(USE_PREF_SIZE);

        message.setId("status-message");
        message.setMinWidth(0);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Tooltip full = new Tooltip();
        full.textProperty().bind(state.statusProperty());
        message.setTooltip(full);
        state.statusProperty().addListener((o, a, b) -> fitMessage());
        message.widthProperty().addListener((o, a, b) -> fitMessage());
        message.fontProperty().addListener((o, a, b) -> fitMessage());

        Label readout = new Label();
        readout.setId("pixel-readout");
        readout.getStyleClass().add("mono");
        readout.setMinWidth(USE_PREF_SIZE);
        readout.textProperty().bind(state.pixelReadoutProperty());
        Label device = new Label();
        device.setId("device-status");
        device.getStyleClass().add("device-status");
        device.setMinWidth(USE_PREF_SIZE);
        device.textProperty().bind(Bindings.createStringBinding(() -> {
            var exec = state.executionProperty().get();
            return exec != null ? "MAE on " + exec.provider() : state.deviceStatusProperty().get();
        }, state.executionProperty(), state.deviceStatusProperty()));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.setMinSize(16, 16);
        busy.visibleProperty().bind(state.busyProperty().greaterThan(0));

        Button details = new Button("Details", new FontIcon("mdi2c-chevron-up"));
        details.setId("status-details");
        details.getStyleClass().addAll("flat", "status-details");
        details.setMinWidth(USE_PREF_SIZE);
        details.setOnAction(e -> showDetails(details));
        getChildren().addAll(disclaimer, message, readout, device, busy, details);
    }

    /** The whole message when it fits; else its headline (before ": " or " ("), which the pop-over completes. */
    private void fitMessage() {
        String text = state.statusProperty().get() == null ? "" : state.statusProperty().get();
        double room = message.getWidth() - message.snappedLeftInset() - message.snappedRightInset();
        String shown = text;
        for (String cut : new String[]{": ", " ("}) {
            int i = shown.indexOf(cut);
            if (width(shown) <= room || i <= 0) continue;
            shown = shown.substring(0, i);
        }
        message.setText(shown);
    }

    private double width(String s) {
        Text t = new Text(s);
        t.setFont(message.getFont());
        return t.getLayoutBounds().getWidth();
    }

    private void showDetails(Button owner) {
        Popover pop = new Popover(new StatusDetails(state));
        pop.setTitle("Status");
        pop.setArrowLocation(Popover.ArrowLocation.BOTTOM_RIGHT);
        pop.setDetachable(false);
        pop.show(owner);
    }
}
