package com.maeworkbench.app.view;

import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.FloatImage;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference heatmap's colour bar and scale in the image's units, above the panels while the heatmap
 * is shown: the ramp is the renderer's own, and its top follows the display window.
 */
public final class DifferenceScaleView extends FlowPane {

    public DifferenceScaleView(WorkbenchState state) {
        super(10, 2);
        getStyleClass().add("difference-scale");
        setId("difference-scale");
        setAlignment(Pos.CENTER_LEFT);
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i <= 16; i++) {
            int argb = Renderer.heat(Math.min(255, i * 16));
            stops.add(new Stop(i / 16.0, Color.rgb(argb >> 16 & 0xFF, argb >> 8 & 0xFF, argb & 0xFF)));
        }
        Rectangle ramp = new Rectangle(160, 10, new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
        Label full = new Label();
        full.setId("difference-full-scale");
        full.textProperty().bind(Bindings.createStringBinding(() -> fullScale(state), state.windowProperty(), state.imageProperty()));
        HBox bar = new HBox(6, new Label("0"), ramp, full);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setMinWidth(USE_PREF_SIZE);
        Label what = new Label("Difference heatmap |method − original|");
        Label how = new Label(String.format("white-hot at %.0f%% of the display window's width; follows window/level", 100 * Renderer.DIFF_WINDOW_SHARE));
        how.getStyleClass().add("caption");
        getChildren().addAll(what, bar, how);
        visibleProperty().bind(state.viewModeProperty().isEqualTo(ViewMode.DIFFERENCE).and(state.imageProperty().isNotNull()));
        managedProperty().bind(visibleProperty());
    }

    /** The difference drawn white-hot, in the image's raw units (HU for CT, levels for 8-bit pictures). */
    static String fullScale(WorkbenchState state) {
        FloatImage img = state.getImage();
        if (img == null) return "";
        Calibration cal = img.calibration();
        double raw = Math.abs(Renderer.differenceFullScale(state.windowProperty().get()) * cal.scale());
        String value = raw >= 100 ? String.valueOf(Math.round(raw)) : Format.number(Math.round(raw * 100) / 100.0);
        return "≥ " + value + (cal.unit().isEmpty() ? "" : " " + cal.unit());
    }
}
