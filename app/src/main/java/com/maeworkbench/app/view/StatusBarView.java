package com.maeworkbench.app.view;

import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.method.RestorationMethod;
import javafx.collections.MapChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Status line: last message, pixel readout, device (and why), per-method latency, and a busy spinner. */
public final class StatusBarView extends HBox {

    private final WorkbenchState state;
    private final Label timing = new Label();

    public StatusBarView(WorkbenchState state) {
        this.state = state;
        getStyleClass().add("status-bar");
        setSpacing(14);
        Label status = new Label();
        status.setId("status-message");
        status.textProperty().bind(state.statusProperty());
        status.setMinWidth(260);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        Label readout = new Label();
        readout.setId("pixel-readout");
        readout.getStyleClass().add("mono");
        readout.textProperty().bind(state.pixelReadoutProperty());
        Label device = new Label();
        device.setId("device-status");
        device.textProperty().bind(state.deviceStatusProperty());
        device.getStyleClass().add("device-status");
        timing.setId("timing");
        timing.getStyleClass().add("mono");
        timing.setMinWidth(0); // the per-method list gives way before the message does
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(state.busyProperty().greaterThan(0));
        getChildren().addAll(status, readout, device, timing, busy);
        state.results().addListener((MapChangeListener<String, MethodResult>) c -> refreshTiming());
    }

    private void refreshTiming() {
        StringBuilder sb = new StringBuilder();
        for (RestorationMethod m : state.methods()) {
            MethodResult r = state.results().get(m.id());
            if (r == null || r.image() == null) continue;
            if (sb.length() > 0) sb.append("  ");
            sb.append(m.displayName()).append(' ').append(Format.millis(r.restoreMillis()));
        }
        timing.setText(sb.toString());
    }
}
