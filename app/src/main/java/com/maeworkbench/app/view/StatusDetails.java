package com.maeworkbench.app.view;

import com.maeworkbench.app.state.MethodTiming;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.method.RestorationMethod;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

import java.util.List;

/** The status bar's pop-over: the whole message, where the MAE runs and why, every method's timings, recent notices. */
final class StatusDetails extends VBox {

    private static final int RECENT = 8;

    StatusDetails(WorkbenchState state) {
        super(8);
        getStyleClass().add("status-details-pane");
        setId("status-details-pane");
        getChildren().addAll(section("Message"), wrapped(state.statusProperty().get()),
                section("Model and device"), wrapped(state.deviceStatusProperty().get()));
        GridPane timings = new GridPane();
        timings.setHgap(12);
        timings.setVgap(2);
        int row = 0;
        for (RestorationMethod m : state.methods()) {
            MethodTiming t = state.timings().get(m.id());
            if (t == null) continue;
            timings.addRow(row++, wrapped(m.displayName()), wrapped("full run " + Format.millis(t.fullRunMillis())),
                    wrapped("last update " + Format.millis(t.lastUpdateMillis())));
        }
        if (row > 0) getChildren().addAll(section("Time per method on this image"), timings);
        List<String> notes = state.notifications();
        if (!notes.isEmpty()) {
            getChildren().add(section("Recent notifications"));
            for (int i = notes.size() - 1; i >= Math.max(0, notes.size() - RECENT); i--) getChildren().add(wrapped(notes.get(i)));
        }
        setPrefWidth(520);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("details-section");
        return l;
    }

    private static Label wrapped(String text) {
        Label l = new Label(text == null ? "" : text);
        l.setWrapText(true);
        l.setMinHeight(USE_PREF_SIZE);
        return l;
    }
}
