package com.maeworkbench.app.view;

import com.maeworkbench.app.WorkbenchActions;
import com.maeworkbench.app.state.SliceStack;
import com.maeworkbench.app.state.WorkbenchState;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The slice slider under the panels, for a multi-frame DICOM file or a folder's series: previous / next
 * buttons, "Slice i of n" and the slice's position along the normal where the file gives it. The slider follows
 * the slice asked for at once; the label the slice shown, with "loading" until it is decoded.
 */
public final class SliceBarView extends HBox {

    private final WorkbenchState state;
    private final Slider slider = new Slider(0, 1, 0);
    private final Label label = new Label();
    private boolean syncing;

    public SliceBarView(WorkbenchActions actions) {
        this.state = actions.state();
        getStyleClass().add("slice-bar");
        setId("slice-bar");
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        slider.setId("slice-slider");
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setBlockIncrement(1);
        slider.setSnapToTicks(true);
        slider.setMinWidth(120);
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueProperty().addListener((o, a, b) -> {
            if (!syncing) actions.goToSlice((int) Math.round(b.doubleValue()));
        });
        Button previous = Icons.decorate(new Button(), "mdi2c-chevron-left", "Previous slice (Page Up; Home: first)");
        previous.setId("slice-previous");
        previous.setOnAction(e -> actions.stepSlice(-1));
        Button next = Icons.decorate(new Button(), "mdi2c-chevron-right", "Next slice (Page Down; End: last)");
        next.setId("slice-next");
        next.setOnAction(e -> actions.stepSlice(1));
        label.setId("slice-label");
        label.setMinWidth(USE_PREF_SIZE); // never "Slice 1…": the slider gives way instead
        getChildren().addAll(previous, slider, next, label);

        state.sliceStackProperty().addListener((o, a, b) -> refresh());
        state.sliceIndexProperty().addListener((o, a, b) -> refresh());
        state.wantedSliceProperty().addListener((o, a, b) -> refresh());
        state.imageProperty().addListener((o, a, b) -> refresh());
        managedProperty().bind(visibleProperty());
        refresh();
    }

    private void refresh() {
        SliceStack stack = state.getSliceStack();
        boolean several = stack != null && stack.size() > 1 && state.getImage() != null;
        // A single-frame DICOM file is a stack of one (for the DICOM export): nothing to move through.
        setVisible(several);
        if (!several) return;
        syncing = true;
        try {
            slider.setMax(stack.size() - 1);
            slider.setValue(state.wantedSliceProperty().get());
        } finally {
            syncing = false;
        }
        label.setText(text(stack, state.sliceIndexProperty().get(), state.wantedSliceProperty().get()));
    }

    /** "Slice 3 of 10 · position −12.50 mm", and "loading slice 7" while the one asked for is decoded. */
    static String text(SliceStack stack, int shown, int wanted) {
        StringBuilder s = new StringBuilder("Slice ").append(shown + 1).append(" of ").append(stack.size());
        stack.position(shown).ifPresent(p -> s.append(" · position ").append(Format.number(p).replace('-', '−')).append(" mm"));
        if (wanted != shown) s.append(" · loading slice ").append(wanted + 1);
        return s.toString();
    }
}
