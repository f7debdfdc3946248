package com.maeworkbench.app.service;

import com.maeworkbench.app.state.MaskChange;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mask tools: one undo entry per gesture, previews during a drag, exact undo and redo. */
class MaskControllerTest {

    @Test
    void strokeIsOneUndoableEditWithPreviews() {
        WorkbenchState state = new WorkbenchState();
        state.setImage(FloatImage.of(100, 80, 8, new float[100 * 80]), null, Mask.empty(100, 80));
        List<MaskChange> changes = new ArrayList<>();
        state.maskChangeProperty().addListener((o, a, c) -> changes.add(c));
        MaskController masks = new MaskController(state);
        state.brushRadiusProperty().set(3);

        masks.beginStroke(10, 10, false);
        masks.strokeTo(50, 10);
        masks.strokeTo(50, 40);
        masks.endStroke();
        Mask painted = state.getMask().copy();
        assertTrue(painted.isMissing(30, 10) && painted.isMissing(50, 30) && !painted.isMissing(80, 70));
        assertTrue(changes.subList(0, changes.size() - 1).stream().allMatch(MaskChange::preview));
        assertFalse(changes.get(changes.size() - 1).preview(), "the stroke end is final");

        masks.beginStroke(30, 10, true); // eraser
        masks.endStroke();
        assertFalse(state.getMask().isMissing(30, 10));

        masks.undo();
        assertTrue(state.getMask().sameContent(painted));
        masks.undo();
        assertTrue(state.getMask().isEmpty());
        masks.redo();
        assertTrue(state.getMask().sameContent(painted));

        masks.rectangle(60, 50, 80, 70, false);
        assertTrue(state.getMask().isMissing(70, 60));
        masks.invert();
        assertEquals(100 * 80 - painted.count() - 20 * 20, state.getMask().count());
        masks.clear();
        assertTrue(state.getMask().isEmpty());
        masks.undo();
        masks.undo();
        masks.undo();
        assertTrue(state.getMask().sameContent(painted));
    }
}
