package com.maeworkbench.app.service;

import com.maeworkbench.app.DicomSamples;
import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.state.SliceStack;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.dicom.DicomImage;
import com.maeworkbench.mask.MaskShapes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moving through a real multi-frame DICOM file (12 frames of 128x128, written by pydicom): the newest request
 * wins while the user scrubs, the cache stays within its byte budget, the slices ahead are decoded before they
 * are asked for, a slice waits for a stroke to end, and a frame that cannot be decoded is said and skipped.
 * Headless: a thread stands in for the FX thread.
 */
class SliceServiceTest {

    private static final int FRAMES = 12;
    private static final long SLICE_BYTES = 128L * 128 * Float.BYTES;
    @TempDir
    static Path dir;
    private static DicomImage file;
    private final FxStandIn fx = new FxStandIn();
    private final WorkbenchState state = new WorkbenchState();
    private final List<Integer> decoded = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stroking = new AtomicBoolean();
    private SliceService slices;

    @BeforeAll
    static void file() throws Exception {
        file = DicomImage.open(DicomSamples.multiFrame(dir, FRAMES), ImageFiles.DEFAULT_MAX_PIXELS);
    }

    /** Opens the file at slice 0 with a service whose decoder is the core's, counted, after {@code gate} opens. */
    private SliceStack open(long cacheBytes, CountDownLatch gate) throws Exception {
        slices = new SliceService(state, new Notifier(state), fx, stroking::get, cacheBytes, (stack, i) -> {
            decoded.add(i);
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return stack.slice(i).image().frame(stack.slice(i).frame());
        });
        SliceStack stack = SliceStack.of(file);
        FloatImage first = file.frame(0);
        fx.run(() -> state.setImage(first, file.path(), MaskShapes.rect(128, 128, 0, 0, 8, 8), stack));
        return stack;
    }

    private int shown() throws Exception {
        return fx.call(() -> state.sliceIndexProperty().get());
    }

    @AfterEach
    void close() throws Exception {
        if (slices != null) slices.close();
        fx.close();
    }

    @Test
    void theNewestRequestWinsWhileScrubbing() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        SliceStack stack = open(1L << 30, gate);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        fx.run(() -> state.sliceIndexProperty().addListener((o, a, b) -> seen.add(b.intValue())));
        // Slice 1 is being decoded (held) while the user drags on to slice 9.
        fx.run(() -> slices.show(1));
        fx.await("slice 1 being decoded", 30, () -> !decoded.isEmpty());
        for (int i = 2; i <= 9; i++) {
            int to = i;
            fx.run(() -> slices.show(to));
        }
        assertEquals(9, fx.call(() -> state.wantedSliceProperty().get()), "the slider follows the user at once");
        gate.countDown();
        fx.await("slice 9 shown", 30, () -> state.sliceIndexProperty().get() == 9);
        assertEquals(List.of(9), seen, "slices passed while decoding are never shown");
        assertEquals(List.of(1, 9), decoded.subList(0, 2), "nor decoded: only the one held and the newest");
        assertEquals(9, state.getImage().source().frame());
        assertEquals(stack.file(9), fx.call(state::getImagePath));
    }

    @Test
    void slicesAheadAreDecodedBeforeTheyAreAskedForWithinTheBudget() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        SliceStack stack = open(5 * SLICE_BYTES, open);
        fx.run(() -> slices.step(1));
        fx.await("slice 1", 30, () -> state.sliceIndexProperty().get() == 1);
        fx.await("slices 2..4 decoded ahead", 30, () -> slices.isCached(stack, 2) && slices.isCached(stack, 3) && slices.isCached(stack, 4));
        int before = decoded.size();
        fx.run(() -> slices.step(1));
        assertEquals(2, shown(), "a slice decoded ahead shows at once, on the same turn of the FX thread");
        for (int i = 0; i < FRAMES; i++) {
            int at = Math.min(FRAMES - 1, 2 + i); // the slice shown
            fx.await("the slices around " + at + " decoded", 30, () -> {
                for (int k = Math.max(0, at - 1); k <= Math.min(FRAMES - 1, at + 3); k++) if (!slices.isCached(stack, k)) return false;
                return true;
            });
            fx.run(() -> slices.step(1));
            fx.await("next slice", 30, () -> state.sliceIndexProperty().get() == state.wantedSliceProperty().get());
            assertTrue(fx.call(slices::cachedSlices) <= 5, "never more than the budget holds");
        }
        assertEquals(FRAMES - 1, shown(), "clamped at the last slice");
        assertEquals(List.of(5, 6, 7, 8, 9, 10, 11), decoded.subList(before, decoded.size()),
                "moving on decodes each new slice once, ahead of time; the one behind stays cached");
        fx.run(() -> slices.show(0));
        fx.await("back at slice 0", 30, () -> state.sliceIndexProperty().get() == 0);
        assertEquals(0, state.getImage().source().frame());
    }

    @Test
    void aSliceArrivingMidStrokeWaitsForTheStrokeToEnd() throws Exception {
        open(1L << 30, new CountDownLatch(0));
        stroking.set(true);
        fx.run(() -> slices.show(5));
        Thread.sleep(300); // decoded long since (a 128x128 frame)
        assertEquals(0, shown(), "the mask under the brush does not change");
        stroking.set(false);
        fx.run(() -> state.fireMaskChanged(com.maeworkbench.mask.Region.EMPTY, false)); // the stroke's end
        fx.await("slice 5 after the stroke", 30, () -> state.sliceIndexProperty().get() == 5);
    }

    @Test
    void aFrameThatCannotBeDecodedIsSaidAndTheSliceShownStays() throws Exception {
        slices = new SliceService(state, new Notifier(state), fx, stroking::get, 1L << 30, (stack, i) -> {
            if (i == 3) throw new ImageFileException(stack.file(i), "corrupt DICOM data (test)");
            return stack.slice(i).image().frame(stack.slice(i).frame());
        });
        SliceStack stack = SliceStack.of(file);
        FloatImage first = file.frame(0);
        fx.run(() -> state.setImage(first, file.path(), MaskShapes.rect(128, 128, 0, 0, 8, 8), stack));
        fx.run(() -> slices.show(3));
        fx.await("the error", 30, () -> !state.notifications().isEmpty());
        assertEquals("ERROR Cannot show slice 4: ct-frames.dcm: corrupt DICOM data (test)", fx.call(() -> state.notifications().get(0)));
        assertEquals(0, shown());
        fx.await("the slider back on the slice shown", 30, () -> state.wantedSliceProperty().get() == 0);
        fx.run(() -> slices.show(4));
        fx.await("slice 4 still opens", 30, () -> state.sliceIndexProperty().get() == 4);
        assertFalse(fx.call(() -> state.notifications().size()) > 1);
    }
}
