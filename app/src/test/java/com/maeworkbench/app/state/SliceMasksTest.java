package com.maeworkbench.app.state;

import com.maeworkbench.app.TestAssets;
import com.maeworkbench.app.service.MaskController;
import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.image.SourceInfo;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.dicom.DicomImage;
import com.maeworkbench.io.dicom.DicomSeries;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mask of each slice in both modes, through the state and the mask tools as the app drives them (headless:
 * JavaFX properties need no toolkit): shared masks and history across slices, per-slice masks and histories,
 * switching modes both ways without losing either, generators in per-slice mode, and the window kept in raw units.
 */
class SliceMasksTest {

    private static final int W = 128, H = 128, SLICES = 6;
    private final WorkbenchState state = new WorkbenchState();
    private final MaskController masks = new MaskController(state);
    private FloatImage slice0;

    @BeforeEach
    void openStack() throws Exception {
        // The bundled CT slice six times over: the state cares about the slices' count and size, not their pixels.
        DicomImage ct = DicomImage.open(TestAssets.sample("ct-small.dcm"), ImageFiles.DEFAULT_MAX_PIXELS);
        slice0 = ct.frame(0);
        SliceStack stack = new SliceStack(ct.path(), Collections.nCopies(SLICES, new DicomSeries.Slice(ct, 0)), null, null);
        state.setImage(slice0, ct.path(), MaskShapes.rect(W, H, 10, 10, 20, 20), stack);
    }

    private void paint(int x, int y) {
        masks.beginStroke(x, y, false);
        masks.strokeTo(x + 8, y);
        masks.endStroke();
    }

    private void show(int index) {
        state.showSlice(index, slice0);
    }

    @Test
    void sharedMaskAndHistoryFollowEverySlice() {
        paint(60, 60);
        Mask painted = state.getMask().copy();
        show(3);
        assertTrue(state.getMask().sameContent(painted), "the same mask on slice 3");
        assertTrue(state.history().canUndoProperty().get(), "and the same history");
        masks.undo();
        show(0);
        assertTrue(state.getMask().sameContent(MaskShapes.rect(W, H, 10, 10, 20, 20)), "an undo on slice 3 undid the shared mask");
        for (int i = 0; i < SLICES; i++) assertSame(state.getMask(), state.maskOfSlice(i), "slice " + i + " exports the shared mask");
    }

    @Test
    void perSliceMasksKeepTheirOwnEditsAndHistory() {
        Mask opened = state.getMask().copy();
        state.maskPerSliceProperty().set(true);
        show(2);
        paint(60, 60);
        Mask two = state.getMask().copy();
        assertFalse(two.sameContent(opened));

        show(3);
        assertTrue(state.getMask().sameContent(opened), "an unedited slice shows the shared mask");
        assertFalse(state.history().canUndoProperty().get(), "with a history of its own (empty)");
        masks.invert();
        Mask three = state.getMask().copy();

        show(2);
        assertTrue(state.getMask().sameContent(two), "slice 2 kept its stroke");
        masks.undo();
        assertTrue(state.getMask().sameContent(opened), "and its undo history");
        masks.redo();
        assertTrue(state.maskOfSlice(3).sameContent(three), "slice 3's mask for an export of every slice");
        assertTrue(state.maskOfSlice(5).sameContent(opened), "an unedited slice exports the shared mask");
        assertTrue(state.maskOfSlice(2).sameContent(two), "the slice shown exports its live mask");
    }

    @Test
    void switchingModesLosesNeitherTheSharedNorTheOwnMasks() {
        paint(40, 40);
        Mask shared = state.getMask().copy();
        long before = state.maskSeq();
        state.maskPerSliceProperty().set(true);
        assertTrue(state.maskSeq() > before, "a switch is a mask change: the panels recompute");
        paint(90, 90);
        Mask own = state.getMask().copy();
        assertFalse(own.sameContent(shared));

        state.maskPerSliceProperty().set(false);
        assertTrue(state.getMask().sameContent(shared), "shared again: the shared mask");
        assertTrue(state.history().canUndoProperty().get(), "with its history");
        show(4);
        assertTrue(state.getMask().sameContent(shared));

        state.maskPerSliceProperty().set(true);
        show(0);
        assertTrue(state.getMask().sameContent(own), "per slice again: slice 0's own mask came back");
    }

    @Test
    void generatorsInPerSliceModeChangeTheSliceShownWithItsOwnSeed() {
        state.randomSeedProperty().set(7);
        state.maskPerSliceProperty().set(true);
        Mask opened = state.getMask().copy();
        show(1);
        masks.randomPatches();
        Mask one = state.getMask().copy();
        Mask expected = MaskShapes.patches(W, H, state.randomRatioProperty().get(), state.randomPatchSizeProperty().get(), 8);
        assertTrue(one.sameContent(expected), "seed 7 + slice index 1");
        assertTrue(state.statusProperty().get().contains("slice 2 of 6 only (seed 8"), state.statusProperty().get());
        show(4);
        assertTrue(state.getMask().sameContent(opened), "other slices untouched");
        masks.randomPatches();
        assertFalse(state.getMask().sameContent(one), "slice 4 gets a pattern of its own");
        assertTrue(state.getMask().sameContent(MaskShapes.patches(W, H, state.randomRatioProperty().get(), state.randomPatchSizeProperty().get(), 11)));

        state.maskPerSliceProperty().set(false);
        masks.randomPatches();
        assertTrue(state.getMask().sameContent(MaskShapes.patches(W, H, state.randomRatioProperty().get(), state.randomPatchSizeProperty().get(), 7)),
                "shared: the seed as set");
    }

    @Test
    void theWindowKeepsItsRawValuesAcrossSlicesAndResultsStartAfresh() {
        Calibration hu = slice0.calibration();
        // W/L set by the user: L 40 W 400 HU.
        DisplayWindow set = new DisplayWindow(hu.toNormalised(-160), hu.toNormalised(240));
        state.windowProperty().set(set);
        long generation = state.imageGenerationProperty().get();
        show(1);
        assertEquals(set, state.windowProperty().get(), "same calibration: the same window");
        assertTrue(state.imageGenerationProperty().get() > generation, "the reconstruction starts again");

        // A slice with another rescale (e.g. a 32-bit frame normalised by its own range): the same HU shown.
        Calibration other = new Calibration(hu.scale() * 2, hu.offset() - 500, "HU");
        FloatImage rescaled = new FloatImage(W, H, slice0.planes(), slice0.bitDepth(), slice0.window(), other, SourceInfo.NONE);
        state.showSlice(2, rescaled);
        DisplayWindow w = state.windowProperty().get();
        assertEquals(-160, other.toRaw(w.low()), 1e-6);
        assertEquals(240, other.toRaw(w.high()), 1e-6);
    }

    @Test
    void aSliceOfAnotherSizeStartsWithTheGeneratorsMask() {
        paint(60, 60);
        state.showSlice(1, FloatImage.of(64, 32, 8, new float[64 * 32]));
        assertTrue(state.getMask().sameContent(state.defaultMask(64, 32)), "the shared mask does not fit: the generator's");
        assertFalse(state.history().canUndoProperty().get(), "and no history that would not fit either");
        state.showSlice(0, slice0);
        assertTrue(state.getMask().sameContent(state.defaultMask(W, H)));
    }
}
