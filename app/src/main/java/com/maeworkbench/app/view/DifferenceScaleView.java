package com.maeworkbench.app.view;

import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.FloatImage;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The difference heatmap's colour bar and scale in the image's units, shown while the heatmap is. */
public final class DifferenceScaleView extends VBox {

    public DifferenceScaleView(WorkbenchState state) {
        getStyleClass().add("difference-scale");
        setId("difference-scale");
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        WritableImage ramp = new WritableImage(256, 1);
        for (int i = 0; i < 256; i++) ramp.getPixelWriter().setArgb(i, 0, Renderer.heat(i));
        ImageView bar = new ImageView(ramp);
        bar.setFitWidth(180);
        bar.setFitHeight(12);
        bar.setPreserveRatio(false);
        Label zero = new Label("0");
        Label full = new Label();
        full.setId("difference-full-scale");
        full.textProperty().bind(Bindings.createStringBinding(() -> fullScale(state), state.windowProperty(), state.imageProperty()));
        HBox row = new HBox(6, zero, bar, full);
        row.setAlignment(Pos.CENTER_LEFT);
        Label title = new Label("|method − original|");
        getChildren().addAll(title, row);
        visibleProperty().bind(state.viewModeProperty().isEqualTo(ViewMode.DIFFERENCE).and(state.imageProperty().isNotNull()));
        managedProperty().bind(visibleProperty());
        setMouseTransparent(true);
    }

    /** The difference drawn white-hot, in the image's raw units (HU for CT, levels for 8-bit pictures). */
    static String fullScale(WorkbenchState state) {
        FloatImage img = state.getImage();
        if (img == null) return "";
        Calibration cal = img.calibration();
        double raw = Math.abs(Renderer.differenceFullScale(state.windowProperty().get()) * cal.scale());
        return "≥ " + Format.number(Math.round(raw * 100) / 100.0) + (cal.unit().isEmpty() ? "" : " " + cal.unit());
    }
}
