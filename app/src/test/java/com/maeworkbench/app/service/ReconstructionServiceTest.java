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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Newest request wins: stale edits are dropped, and the edit ending a gesture cancels work in flight. A lane
 * survives whatever its method throws. (Long runs, their progress and their cancellation: {@link LongRunTest}.)
 */
class ReconstructionServiceTest {

    /**
     * A deliberately slow method (test-only) that fills holes with 1 and counts what happened to each run. A run
     * takes 200 ms, and while {@link #hold} is set it keeps going until interrupted, so a test can make sure a
     * run is in flight when it fires an edit.
     */
    static final class SlowFill implements RestorationMethod {
        final AtomicInteger started = new AtomicInteger(), finished = new AtomicInteger(), cancelled = new AtomicInteger();
        final AtomicBoolean hold = new AtomicBoolean();

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
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (hold.get() || System.nanoTime() < until) {
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

        boolean inFlight() {
            return started.get() > finished.get() + cancelled.get();
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
        // However loaded the machine, a drag step's run is in flight (held) when the gesture ends.
        slow.hold.set(true);
        awaitTrue(slow::inFlight, "a drag step's run is in flight");
        WaitForAsyncUtils.asyncFx(() -> {
            Region r = MaskShapes.fillRect(state.getMask(), 0, 40, 20, 4, true);
            state.fireMaskChanged(r, false);
        }).get(5, TimeUnit.SECONDS);
        awaitTrue(() -> slow.cancelled.get() >= 1, "the gesture end cancelled work in flight");
        slow.hold.set(false);
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

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, what);
            Thread.sleep(5);
        }
    }

    private static boolean matches(FloatImage out, Mask mask) {
        for (int i = 0; i < mask.missing().length; i++) if ((out.plane(0)[i] == 1) != mask.missing()[i]) return false;
        return true;
    }

    /** Fills holes with 1; the first run fails as {@code failure} does instead (test-only). */
    static final class FailsOnce implements RestorationMethod {
        final Runnable failure;
        final boolean interactive;
        final AtomicInteger runs = new AtomicInteger();

        FailsOnce(Runnable failure, boolean interactive) {
            this.failure = failure;
            this.interactive = interactive;
        }

        @Override
        public String id() {
            return "flaky";
        }

        @Override
        public String displayName() {
            return "Flaky";
        }

        @Override
        public boolean interactive() {
            return interactive;
        }

        @Override
        public FloatImage restore(FloatImage image, Mask mask) {
            if (runs.getAndIncrement() == 0) failure.run();
            return fill(image, mask, 1);
        }
    }

    private static float[] hugeArray;

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /** Real errors where the JVM can throw them safely (an array beyond the heap, endless recursion), a native one constructed. */
    static Stream<Arguments> errors() {
        Runnable oom = () -> hugeArray = new float[Integer.MAX_VALUE - 8];
        Runnable deep = () -> recurse(0);
        Runnable nativeCode = () -> {
            throw new UnsatisfiedLinkError("libonnxruntime.so: cannot open shared object file");
        };
        return Stream.of(
                Arguments.of("OutOfMemoryError", oom, true, "out of memory"),
                Arguments.of("OutOfMemoryError", oom, false, "out of memory"),
                Arguments.of("StackOverflowError", deep, true, "internal error (StackOverflowError)"),
                Arguments.of("StackOverflowError", deep, false, "internal error (StackOverflowError)"),
                Arguments.of("UnsatisfiedLinkError", nativeCode, true, "UnsatisfiedLinkError: libonnxruntime.so"),
                Arguments.of("UnsatisfiedLinkError", nativeCode, false, "UnsatisfiedLinkError: libonnxruntime.so"));
    }

    @ParameterizedTest(name = "{0}, interactive={2}")
    @MethodSource("errors")
    void laneSurvivesAnErrorPublishesWhyLogsItAndTakesTheNextRequest(String name, Runnable failure, boolean interactive,
                                                                      String reason) throws Exception {
        FailsOnce flaky = new FailsOnce(failure, interactive);
        WorkbenchState state = new WorkbenchState();
        try (FxStandIn fx = new FxStandIn(); LogCapture log = new LogCapture(ReconstructionService.class);
             ReconstructionService service = new ReconstructionService(state, fx, 2)) {
            fx.run(() -> {
                state.methods().setAll(List.of(flaky));
                state.setImage(FloatImage.of(32, 32, 8, new float[32 * 32]), null, Mask.empty(32, 32));
            });
            fx.await("the failure", 10, () -> state.results().get("flaky") != null);
            MethodResult failed = fx.call(() -> state.results().get("flaky"));
            assertNull(failed.image());
            assertTrue(failed.error().contains(reason), failed.error());
            assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.SEVERE && r.getThrown() != null
                    && r.getThrown().getClass().getSimpleName().equals(name)), log.text());

            // The same lane computes the next edit.
            fx.run(() -> state.fireMaskChanged(MaskShapes.fillRect(state.getMask(), 4, 4, 8, 8, true), false));
            Mask expected = fx.call(() -> state.getMask().copy());
            fx.await("a result after the failure", 10, () -> {
                MethodResult r = state.results().get("flaky");
                return r.error() == null && r.metrics() != null && matches(r.image(), expected);
            });
            assertEquals(2, flaky.runs.get());
            fx.await("no work in flight", 10, () -> state.busyProperty().get() == 0);
        }
    }

    static FloatImage fill(FloatImage image, Mask mask, float value) {
        float[] out = image.plane(0).clone();
        for (int i = 0; i < out.length; i++) if (mask.missing()[i]) out[i] = value;
        return image.withPlanes(new float[][]{out});
    }
}
