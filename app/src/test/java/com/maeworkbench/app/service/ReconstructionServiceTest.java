package com.maeworkbench.app.service;

import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestorationMethod;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Newest request wins: stale edits are dropped, and the edit ending a gesture cancels work in flight. */
class ReconstructionServiceTest {

    /** A deliberately slow method (test-only) that fills holes with 1 and counts what happened to each run. */
    static final class SlowFill implements RestorationMethod {
        final AtomicInteger started = new AtomicInteger(), finished = new AtomicInteger(), cancelled = new AtomicInteger();

        @Override
        public String id() {
            return "slow";
        }

        @Override
        public String displayName() {
            return "Slow";
        }

        @Override
        public FloatImage restore(FloatImage image, Mask mask) {
            started.incrementAndGet();
            for (int i = 0; i < 40; i++) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    cancelled.incrementAndGet();
                    throw new CancellationException("stale");
                }
            }
            float[] out = image.plane(0).clone();
            for (int i = 0; i < out.length; i++) if (mask.missing()[i]) out[i] = 1;
            finished.incrementAndGet();
            return image.withPlanes(new float[][]{out});
        }
    }

    @BeforeAll
    static void fx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void newestEditWinsAndGestureEndCancelsStaleWork() throws Exception {
        WorkbenchState state = new WorkbenchState();
        SlowFill slow = new SlowFill();
        ReconstructionService service = new ReconstructionService(state, Platform::runLater, 2);
        FloatImage img = FloatImage.of(64, 64, 8, new float[64 * 64]);
        WaitForAsyncUtils.asyncFx(() -> {
            state.methods().setAll(List.of(slow));
            state.setImage(img, null, Mask.empty(64, 64));
        }).get(5, TimeUnit.SECONDS);
        // 20 drag steps, then the gesture end: far faster than one 200 ms run.
        for (int i = 0; i < 20; i++) {
            int step = i;
            WaitForAsyncUtils.asyncFx(() -> {
                Region r = MaskShapes.fillRect(state.getMask(), step * 3, 10, 3, 3, true);
                state.fireMaskChanged(r, true);
            }).get(5, TimeUnit.SECONDS);
            Thread.sleep(10);
        }
        WaitForAsyncUtils.asyncFx(() -> {
            Region r = MaskShapes.fillRect(state.getMask(), 0, 40, 20, 4, true);
            state.fireMaskChanged(r, false);
        }).get(5, TimeUnit.SECONDS);
        Mask expected = WaitForAsyncUtils.asyncFx(() -> state.getMask().copy()).get(5, TimeUnit.SECONDS);

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            MethodResult r = WaitForAsyncUtils.asyncFx(() -> state.results().get("slow")).get(5, TimeUnit.SECONDS);
            if (r != null && r.metrics() != null && matches(r.image(), expected)) break;
            assertTrue(System.nanoTime() < end, "the final mask's result arrives");
            Thread.sleep(20);
        }
        service.close();
        assertTrue(slow.started.get() < 21, "stale edits were dropped, ran " + slow.started.get());
        assertTrue(slow.cancelled.get() >= 1, "the gesture end cancelled work in flight");
        assertEquals(0, WaitForAsyncUtils.asyncFx(() -> state.busyProperty().get()).get(5, TimeUnit.SECONDS));
    }

    private static boolean matches(FloatImage out, Mask mask) {
        for (int i = 0; i < mask.missing().length; i++) if ((out.plane(0)[i] == 1) != mask.missing()[i]) return false;
        return true;
    }
}
