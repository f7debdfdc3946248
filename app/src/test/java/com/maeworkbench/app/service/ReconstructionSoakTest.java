package com.maeworkbench.app.service;

import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.TestAssets;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.RestorationMethod;
import javafx.collections.MapChangeListener;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10,000 random mask edits (brush strokes with their drag steps, rectangles, undo/redo, generated masks),
 * with the MAE model swapped four times, driven through the {@link ReconstructionService} headless: a
 * {@link WorkbenchState} and one thread standing in for the FX thread, the real classical methods and the
 * real MAE ({@code assets/model/mae.onnx}) on a 128x128 crop of a bundled sample.
 * <p>
 * Every 1,000 edits the service must settle with every panel equal to a fresh full restore of the mask
 * of the moment (so no lane died), and the heap in use after a full GC is sampled. Memory is flat when the
 * samples after the warm-up (the first 1,000 edits, by which the undo history is at its 200-gesture cap and
 * every cache has its steady size) stay within {@link #HEAP_SLACK_BYTES} of the first of them. That catches
 * a leak of 512 bytes per edit over the remaining 9,000 edits (one mask copy per edit, 16 KiB, would add
 * 140 MiB), while what legitimately varies, the undo history's content, measured 0.5 MiB at most here
 * (samples 12.6 to 13.1 MiB on the 2-core VM).
 */
class ReconstructionSoakTest {

    private static final int EDITS = 10_000, CHECK_EVERY = 1_000, SWAP_EVERY = 2_500, SIZE = 128;
    private static final long HEAP_SLACK_BYTES = 4L << 20;

    @Test
    void tenThousandEditsWithModelSwaps() throws Exception {
        FloatImage image = crop(ImageFiles.read(TestAssets.sample("astronaut.png"), ImageFiles.DEFAULT_MAX_PIXELS), 180, 60, SIZE);
        WorkbenchState state = new WorkbenchState();
        Random random = new Random(20261127);
        AtomicInteger edits = new AtomicInteger(), published = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Long> heap = new ArrayList<>();
        long t0 = System.nanoTime();
        try (FxStandIn fx = new FxStandIn();
             ReconstructionService service = new ReconstructionService(state, fx, 2);
             ModelService models = new ModelService(state, new Notifier(state), fx, MaeMethod::load)) {
            MaskController masks = new MaskController(state);
            fx.run(() -> {
                state.maskChangeProperty().addListener((o, a, b) -> edits.incrementAndGet());
                state.results().addListener((MapChangeListener<String, MethodResult>) c -> {
                    if (c.wasAdded() && c.getValueAdded().error() != null) failures.add(c.getKey() + ": " + c.getValueAdded().error());
                    if (c.wasAdded()) published.incrementAndGet();
                });
                state.methods().setAll(Methods.classical());
                state.setImage(image, null, Mask.empty(SIZE, SIZE));
                masks.randomPatches();
            });
            assertTrue(models.load(TestAssets.model(), Device.CPU).get(60, TimeUnit.SECONDS), "the model loads");
            CompletableFuture<Boolean> swap = CompletableFuture.completedFuture(true);
            int nextCheck = CHECK_EVERY, nextSwap = SWAP_EVERY;
            while (edits.get() < EDITS) {
                for (Runnable step : gesture(masks, state, random)) {
                    fx.run(step);
                    if (random.nextBoolean()) Thread.sleep(1); // events ~1 ms apart: lanes both finish and get overtaken
                }
                if (edits.get() >= nextSwap) {
                    swap = models.load(TestAssets.model(), random.nextBoolean() ? Device.CPU : Device.AUTO);
                    nextSwap += SWAP_EVERY;
                }
                if (edits.get() >= nextCheck) {
                    assertTrue(swap.get(60, TimeUnit.SECONDS), "the swapped-in model loads");
                    settle(fx, state);
                    heap.add(usedHeapAfterGc());
                    nextCheck += CHECK_EVERY;
                }
            }
            settle(fx, state);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("soak: %d edits, %d results published, in %.1f s; heap after GC every %d edits (MiB): %s%n",
                    edits.get(), published.get(), seconds, CHECK_EVERY,
                    heap.stream().map(b -> String.format("%.1f", b / 1048576.0)).toList());
        }
        assertEquals(List.of(), failures, "failed results");
        List<Long> steady = heap.subList(1, heap.size()); // after the warm-up
        long growth = steady.stream().mapToLong(Long::longValue).max().orElseThrow() - steady.get(0);
        assertTrue(growth < HEAP_SLACK_BYTES, "heap grew by " + (growth >> 10) + " KiB after the warm-up: " + heap);
    }

    /**
     * One user gesture as the steps the FX thread would run, each its own event: a brush stroke (its drag
     * steps are previews), a rectangle, undo/redo or a generated mask.
     */
    private static List<Runnable> gesture(MaskController masks, WorkbenchState state, Random r) {
        List<Runnable> steps = new ArrayList<>();
        int kind = r.nextInt(100);
        if (kind < 60) {
            double radius = 1 + r.nextInt(12);
            double[] p = {r.nextDouble() * SIZE, r.nextDouble() * SIZE};
            boolean erase = r.nextInt(3) == 0;
            steps.add(() -> {
                state.brushRadiusProperty().set(radius);
                masks.beginStroke(p[0], p[1], erase);
            });
            for (int i = r.nextInt(10); i > 0; i--) {
                double x = clamp(p[0] += r.nextGaussian() * 6), y = clamp(p[1] += r.nextGaussian() * 6);
                steps.add(() -> masks.strokeTo(x, y));
            }
            steps.add(masks::endStroke);
        } else if (kind < 80) {
            double ax = r.nextDouble() * SIZE, ay = r.nextDouble() * SIZE, bx = r.nextDouble() * SIZE, by = r.nextDouble() * SIZE;
            boolean erase = r.nextBoolean();
            steps.add(() -> masks.rectangle(ax, ay, bx, by, erase));
        } else if (kind < 90) {
            steps.add(masks::undo);
        } else if (kind < 95) {
            steps.add(masks::redo);
        } else {
            int seed = r.nextInt(1000), which = r.nextInt(4);
            steps.add(() -> {
                state.randomSeedProperty().set(seed);
                switch (which) {
                    case 0 -> masks.randomPatches();
                    case 1 -> masks.randomStrokes();
                    case 2 -> masks.invert();
                    default -> masks.clear();
                }
            });
        }
        return steps;
    }

    /**
     * Waits until every panel shows exactly what a fresh full restore of the current mask gives (the lanes
     * update only what an edit reaches; the result must still be the same), with its metrics.
     */
    private static void settle(FxStandIn fx, WorkbenchState state) throws Exception {
        FloatImage image = fx.call(state::getImage);
        Mask mask = fx.call(() -> state.getMask().copy());
        List<RestorationMethod> methods = fx.call(() -> List.copyOf(state.methods()));
        assertEquals(7, methods.size(), "six classical methods and the MAE: " + methods);
        for (RestorationMethod m : methods) {
            FloatImage fresh = m.restore(image, mask);
            fx.await(m.id() + " equal to a fresh full restore", 120, () -> {
                MethodResult shown = state.results().get(m.id());
                return shown != null && shown.image() != null && shown.metrics() != null && samePixels(shown.image(), fresh);
            });
        }
    }

    private static boolean samePixels(FloatImage a, FloatImage b) {
        if (a.channels() != b.channels()) return false;
        for (int c = 0; c < a.channels(); c++) if (!Arrays.equals(a.plane(c), b.plane(c))) return false;
        return true;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(SIZE - 1, v));
    }

    private static FloatImage crop(FloatImage src, int x0, int y0, int size) {
        float[][] planes = new float[src.channels()][size * size];
        for (int c = 0; c < planes.length; c++) {
            for (int y = 0; y < size; y++) System.arraycopy(src.plane(c), (y0 + y) * src.width() + x0, planes[c], y * size, size);
        }
        return FloatImage.of(size, size, src.bitDepth(), planes);
    }
}
