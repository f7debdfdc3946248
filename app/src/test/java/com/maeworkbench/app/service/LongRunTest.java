package com.maeworkbench.app.service;

import com.maeworkbench.app.state.MethodProgress;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.ViewArea;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.method.RestoreMonitor;
import javafx.collections.MapChangeListener;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.maeworkbench.app.service.ReconstructionServiceTest.fill;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Long runs on big images: they restore the part on screen first, show their progress (and result so far) in the
 * state while they take long, are stopped at once by a newer edit, and a newly opened image waits for its
 * original to be on screen before any method starts.
 */
class LongRunTest {

    /**
     * Fills holes with 1 in 60 steps of 20 ms (1.2 s), reporting each step with a result so far, checking for
     * interruption as our Telea does; with {@link #holdFirst} its first run goes on until interrupted.
     */
    static class Creep implements RestorationMethod {
        final String id;
        final boolean interactive;
        final boolean holdFirst;
        final List<Region> focus = new CopyOnWriteArrayList<>();
        final AtomicInteger started = new AtomicInteger(), interrupted = new AtomicInteger();
        final CountDownLatch firstStarted = new CountDownLatch(1);

        Creep(String id, boolean interactive, boolean holdFirst) {
            this.id = id;
            this.interactive = interactive;
            this.holdFirst = holdFirst;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String displayName() {
            return id;
        }

        @Override
        public boolean interactive() {
            return interactive;
        }

        @Override
        public FloatImage restore(FloatImage image, Mask mask) {
            return restore(image, mask, null, null, RestoreMonitor.NONE);
        }

        @Override
        public FloatImage restore(FloatImage image, Mask mask, Region dirty, FloatImage previous, RestoreMonitor monitor) {
            boolean first = started.getAndIncrement() == 0;
            firstStarted.countDown();
            focus.add(monitor.focus() == null ? Region.EMPTY : monitor.focus());
            FloatImage out = fill(image, mask, 1);
            for (int step = 0; step < 60 || (first && holdFirst); step++) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                    throw new CancellationException("stale");
                }
                monitor.progress(Math.min(1, step / 60.0), out);
            }
            return out;
        }
    }

    /** Every progress the state showed, as the FX thread saw it. */
    private static List<MethodProgress> recordProgress(FxStandIn fx, WorkbenchState state) throws Exception {
        List<MethodProgress> seen = new CopyOnWriteArrayList<>();
        fx.run(() -> state.progress().addListener((MapChangeListener<String, MethodProgress>) c -> {
            if (c.wasAdded()) seen.add(c.getValueAdded());
        }));
        return seen;
    }

    @Test
    void aLongRunRestoresTheViewFirstAndShowsItsProgressWhileAQuickOneShowsNone() throws Exception {
        Creep creep = new Creep("creep", true, false);
        Creep quick = new Creep("quick", true, false) {
            @Override
            public FloatImage restore(FloatImage image, Mask mask, Region dirty, FloatImage previous, RestoreMonitor monitor) {
                started.incrementAndGet();
                return fill(image, mask, 1);
            }
        };
        Region onScreen = new Region(8, 8, 16, 16);
        WorkbenchState state = new WorkbenchState();
        try (FxStandIn fx = new FxStandIn(); ReconstructionService service = new ReconstructionService(state, fx, 2)) {
            List<MethodProgress> seen = recordProgress(fx, state);
            fx.run(() -> {
                state.methods().setAll(List.of(creep, quick));
                state.setImage(FloatImage.of(32, 32, 8, new float[32 * 32]), null, Mask.empty(32, 32));
                state.viewAreaProperty().set(new ViewArea(onScreen, 2)); // as the viewports publish it once laid out
                state.fireMaskChanged(MaskShapes.fillRect(state.getMask(), 4, 4, 20, 20, true), false);
            });
            Mask expected = fx.call(() -> state.getMask().copy());
            fx.await("the long run's result", 20, () -> {
                MethodResult r = state.results().get("creep");
                return r != null && r.image() != null && r.maskSeq() == state.maskSeq();
            });
            fx.await("its progress taken away", 10, () -> !state.progress().containsKey("creep"));

            assertTrue(creep.focus.contains(onScreen), "the run was asked to restore the part on screen first: " + creep.focus);
            List<MethodProgress> creeping = seen.stream().filter(p -> p.methodId().equals("creep")).toList();
            assertFalse(creeping.isEmpty(), "a 1.2 s run shows its progress");
            assertTrue(creeping.stream().allMatch(p -> p.done() >= 0 && p.done() <= 1), "shares 0 to 1: " + creeping);
            assertTrue(creeping.stream().anyMatch(p -> p.partial() != null), "with its result so far");
            assertTrue(creeping.size() <= 12, "at most one update per 100 ms of a 1.2 s run, not one per step: " + creeping.size());
            assertTrue(seen.stream().noneMatch(p -> p.methodId().equals("quick")), "a quick run never flashes a bar");
            MethodResult done = fx.call(() -> state.results().get("creep"));
            for (int i = 0; i < expected.missing().length; i++) {
                assertEquals(expected.missing()[i] ? 1f : 0f, done.image().plane(0)[i], "pixel " + i);
            }
            fx.await("no work in flight", 10, () -> state.busyProperty().get() == 0 && state.progress().isEmpty());
        }
    }

    @Test
    void aNewEditStopsASlowFullOnlyRunAtOnceAndItsProgressGoes() throws Exception {
        Creep slow = new Creep("slow", false, true);
        WorkbenchState state = new WorkbenchState();
        PerfLog perf = new PerfLog(false);
        try (FxStandIn fx = new FxStandIn(); ReconstructionService service = new ReconstructionService(state, fx, 2, perf)) {
            List<MethodProgress> seen = recordProgress(fx, state);
            fx.run(() -> {
                state.methods().setAll(List.of(slow));
                state.setImage(FloatImage.of(32, 32, 8, new float[32 * 32]), null, Mask.empty(32, 32));
                state.imageShownProperty().set(true);
            });
            assertTrue(slow.firstStarted.await(10, TimeUnit.SECONDS), "the first run starts");
            fx.await("the stuck run's progress", 10, () -> state.progress().containsKey("slow"));
            long stale = fx.call(() -> state.progress().get("slow").requestSeq());

            fx.run(() -> state.fireMaskChanged(MaskShapes.fillRect(state.getMask(), 4, 4, 8, 8, true), false));
            Mask expected = fx.call(() -> state.getMask().copy());
            fx.await("the newer edit's result", 20, () -> {
                MethodResult r = state.results().get("slow");
                return r != null && r.metrics() != null && r.maskSeq() == state.maskSeq();
            });
            assertEquals(1, slow.interrupted.get(), "the stale run was stopped, not left to finish");
            assertEquals(2, slow.started.get());
            MethodResult shown = fx.call(() -> state.results().get("slow"));
            for (int i = 0; i < expected.missing().length; i++) assertEquals(expected.missing()[i] ? 1f : 0f, shown.image().plane(0)[i]);
            fx.await("the stop logged", 10, () -> perf.summary().contains("stale runs stopped"));
            fx.await("no progress left", 10, () -> state.progress().isEmpty());
            assertTrue(seen.stream().anyMatch(p -> p.requestSeq() > stale), "the newer run showed its own progress");
        }
    }

    @Test
    void aMethodAddedMidRunLeavesTheOtherRunsAlone() throws Exception {
        Creep creep = new Creep("creep", false, false);
        Creep added = new Creep("added", true, false);
        WorkbenchState state = new WorkbenchState();
        try (FxStandIn fx = new FxStandIn(); ReconstructionService service = new ReconstructionService(state, fx, 2)) {
            fx.run(() -> {
                state.methods().setAll(List.of(creep));
                state.setImage(FloatImage.of(32, 32, 8, new float[32 * 32]), null, Mask.empty(32, 32));
            });
            assertTrue(creep.firstStarted.await(10, TimeUnit.SECONDS));
            fx.run(() -> state.methods().add(added)); // e.g. the model loaded while a slow method runs
            fx.await("both results", 20, () -> state.results().get("creep") != null && state.results().get("added") != null);
            assertEquals(0, creep.interrupted.get(), "the run in flight was not restarted");
            assertEquals(1, creep.started.get());
            assertEquals(1, added.started.get());
        }
    }

    @Test
    void aNewImageIsRestoredOnlyOnceItsOriginalIsOnScreen() throws Exception {
        Creep creep = new Creep("creep", true, false);
        WorkbenchState state = new WorkbenchState();
        try (FxStandIn fx = new FxStandIn(); ReconstructionService service = new ReconstructionService(state, fx, 2, new PerfLog(false))) {
            fx.run(() -> {
                state.methods().setAll(List.of(creep));
                state.setImage(FloatImage.of(32, 32, 8, new float[32 * 32]), null, Mask.empty(32, 32));
                state.fireMaskChanged(MaskShapes.fillRect(state.getMask(), 4, 4, 8, 8, true), false);
            });
            Thread.sleep(300);
            assertEquals(0, creep.started.get(), "no method competes with drawing the original");
            fx.run(() -> state.imageShownProperty().set(true));
            fx.await("the newest mask's result", 20, () -> {
                MethodResult r = state.results().get("creep");
                return r != null && r.image() != null && r.maskSeq() == state.maskSeq();
            });
            assertEquals(1, creep.started.get(), "only the newest request ran");
        }
    }
}
