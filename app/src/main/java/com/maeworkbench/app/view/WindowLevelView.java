package com.maeworkbench.app.view;

import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.RangeSlider;

import java.util.ArrayList;
import java.util.List;

/**
 * Window/level over the image's raw units (HU for CT): a range slider, presets (CT ones when the
 * calibration unit is HU), the source's default window and an automatic percentile window.
 */
public final class WindowLevelView extends VBox {

    /** A named window in raw units. */
    record Preset(String name, double level, double width) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Preset> CT_PRESETS = List.of(
            new Preset("CT brain (L40 W80)", 40, 80),
            new Preset("CT soft tissue (L40 W400)", 40, 400),
            new Preset("CT lung (L−600 W1500)", -600, 1500),
            new Preset("CT bone (L400 W1800)", 400, 1800));

    private final WorkbenchState state;
    private final RangeSlider slider = new RangeSlider(0, 1, 0, 1);
    private final Label readout = new Label();
    private final ComboBox<Preset> presets = new ComboBox<>();
    private boolean syncing;

    public WindowLevelView(WorkbenchState state) {
        this.state = state;
        getStyleClass().add("inspector-section");
        setSpacing(6);
        slider.setId("window-slider");
        slider.setShowTickMarks(false);
        presets.setPromptText("Presets");
        // The prompt, not an empty box, once the selection is cleared (a combo box shows no prompt after that).
        presets.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(Preset item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? presets.getPromptText() : item.name());
            }
        });
        presets.setMaxWidth(Double.MAX_VALUE);
        presets.setOnAction(e -> {
            Preset p = presets.getValue();
            if (p != null) apply(p.level(), p.width());
        });
        Button auto = new Button("Auto");
        auto.setTooltip(new javafx.scene.control.Tooltip("Window from the 0.5th to 99.5th percentile (W)"));
        auto.setOnAction(e -> autoWindow());
        Button reset = new Button("Default");
        reset.setOnAction(e -> {
            if (state.getImage() != null) state.windowProperty().set(state.getImage().window());
        });
        HBox buttons = new HBox(6, auto, reset);
        HBox.setHgrow(presets, Priority.ALWAYS);
        readout.getStyleClass().add("caption");
        getChildren().addAll(slider, readout, presets, buttons);

        slider.lowValueProperty().addListener((o, a, b) -> fromSlider());
        slider.highValueProperty().addListener((o, a, b) -> fromSlider());
        state.windowProperty().addListener((o, a, b) -> {
            toSlider();
            refreshReadout();
        });
        state.imageProperty().addListener((o, a, b) -> onImage());
        onImage();
    }

    private void onImage() {
        FloatImage img = state.getImage();
        syncing = true;
        try {
            if (img == null) return;
            Calibration cal = img.calibration();
            double lo = cal.toRaw(0), hi = cal.toRaw(1);
            slider.setMin(Math.min(lo, hi));
            slider.setMax(Math.max(lo, hi));
            List<Preset> list = new ArrayList<>();
            if ("HU".equalsIgnoreCase(cal.unit())) list.addAll(CT_PRESETS);
            list.add(new Preset("Full range", (lo + hi) / 2, Math.abs(hi - lo)));
            presets.setItems(FXCollections.observableList(list));
        } finally {
            syncing = false;
        }
        toSlider();
        refreshReadout();
    }

    private void toSlider() {
        FloatImage img = state.getImage();
        if (img == null || syncing) return;
        syncing = true;
        try {
            DisplayWindow w = state.windowProperty().get();
            Calibration cal = img.calibration();
            double a = cal.toRaw(w.low()), b = cal.toRaw(w.high());
            slider.setHighValue(slider.getMax()); // widen first so low is never clamped by the old high
            slider.setLowValue(Math.max(slider.getMin(), Math.min(a, b)));
            slider.setHighValue(Math.min(slider.getMax(), Math.max(a, b)));
        } finally {
            syncing = false;
        }
    }

    /** The window in raw units under the slider; a preset stays selected only while it is the window shown. */
    private void refreshReadout() {
        FloatImage img = state.getImage();
        if (img == null) return;
        Calibration cal = img.calibration();
        DisplayWindow w = state.windowProperty().get();
        double level = cal.toRaw(w.center()), width = Math.abs(w.width() * cal.scale());
        readout.setText(String.format("L %s  W %s %s", Format.number(level), Format.number(width), cal.unit()));
        // Choosing a preset again after the window moved (slider, Auto) must apply it, and a combo box
        // fires only when its value changes.
        Preset p = presets.getValue();
        if (p != null && (Math.abs(p.level() - level) > 1e-3 * p.width() || Math.abs(p.width() - width) > 1e-3 * p.width())) {
            presets.setValue(null);
        }
    }

    private void fromSlider() {
        FloatImage img = state.getImage();
        if (img == null || syncing) return;
        Calibration cal = img.calibration();
        double a = cal.toNormalised(slider.getLowValue()), b = cal.toNormalised(slider.getHighValue());
        double lo = Math.min(a, b), hi = Math.max(a, b);
        if (hi - lo < 1e-6) hi = lo + 1e-6;
        syncing = true;
        try {
            state.windowProperty().set(new DisplayWindow(lo, hi));
        } finally {
            syncing = false;
        }
        DisplayWindow w = state.windowProperty().get();
        readout.setText(String.format("L %s  W %s %s", Format.number(cal.toRaw(w.center())),
                Format.number(Math.abs(w.width() * cal.scale())), cal.unit()));
    }

    /** Applies a window given in raw units. */
    void apply(double level, double width) {
        FloatImage img = state.getImage();
        if (img == null) return;
        Calibration cal = img.calibration();
        double a = cal.toNormalised(level - width / 2), b = cal.toNormalised(level + width / 2);
        state.windowProperty().set(new DisplayWindow(Math.min(a, b), Math.max(a, b)));
    }

    /** 0.5th..99.5th percentile of luma, from a 4096-bin histogram. */
    public void autoWindow() {
        FloatImage img = state.getImage();
        if (img == null) return;
        state.windowProperty().set(percentileWindow(img, 0.005, 0.995));
    }

    static DisplayWindow percentileWindow(FloatImage img, double pLow, double pHigh) {
        int bins = 4096;
        long[] hist = new long[bins];
        for (float v : img.luma()) hist[Math.max(0, Math.min(bins - 1, (int) (v * (bins - 1) + 0.5f)))]++;
        long n = img.pixels(), acc = 0;
        int lo = 0, hi = bins - 1;
        boolean foundLo = false;
        for (int i = 0; i < bins; i++) {
            acc += hist[i];
            if (!foundLo && acc >= pLow * n) {
                lo = i;
                foundLo = true;
            }
            if (acc >= pHigh * n) {
                hi = i;
                break;
            }
        }
        if (hi <= lo) return DisplayWindow.FULL;
        return new DisplayWindow(lo / (double) (bins - 1), hi / (double) (bins - 1));
    }
}
