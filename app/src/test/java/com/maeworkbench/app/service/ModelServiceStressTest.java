package com.maeworkbench.app.service;

import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.TestAssets;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.RestorationMethod;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many threads load the real model on random devices while mask edits keep the lanes restoring with it, and
 * the service is closed in the middle of it all, right after a model has opened, so that the close lands
 * in the swap (slowed by a listener on the method list, as the lanes' own listener does). Every future
 * completes normally, every ONNX session opened is closed, no exception escapes any thread, and no swap
 * shows the user a failure.
 */
class ModelServiceStressTest {

    private static final int ROUNDS = 16, LOADERS = 3, LOADS_EACH = 2;
    private static final Device[] DEVICES = Device.values();

    @Test
    void concurrentLoadsSwapsClosesAndRestores() throws Exception {
        Path model = TestAssets.model();
        List<MaeMethod> opened = new CopyOnWriteArrayList<>();
        AtomicReference<CountDownLatch> openedInRound = new AtomicReference<>();
        BiFunction<Path, Device, MaeMethod> opener = (file, device) -> {
            MaeMethod m = MaeMethod.load(file, device);
            opened.add(m);
            openedInRound.get().countDown();
            return m;
        };
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Boolean>> futures = new CopyOnWriteArrayList<>();
        List<String> failuresBeforeClose = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> escaped.add(e));
        int maeResults = 0;
        try {
            for (int n = 0; n < ROUNDS; n++) {
                int round = n;
                Random random = new Random(round);
                CountDownLatch closeAfterOpens = new CountDownLatch(1 + random.nextInt(3));
                openedInRound.set(closeAfterOpens);
                WorkbenchState state = new WorkbenchState();
                AtomicBoolean closing = new AtomicBoolean();
                List<MethodResult> mae = new CopyOnWriteArrayList<>();
                try (FxStandIn fx = new FxStandIn(); ReconstructionService lanes = new ReconstructionService(state, fx, 2)) {
                    ModelService models = new ModelService(state, new Notifier(state), fx, opener);
                    fx.run(() -> {
                        state.results().addListener((MapChangeListener<String, MethodResult>) c -> {
                            if (!c.wasAdded() || !c.getKey().equals("mae")) return;
                            mae.add(c.getValueAdded());
                            if (c.getValueAdded().error() != null && !closing.get()) failuresBeforeClose.add(c.getValueAdded().error());
                        });
                        state.methods().setAll(Methods.classical().subList(0, 1)); // bilinear beside the MAE
                        state.methods().addListener((ListChangeListener<RestorationMethod>) c -> pause(random.nextInt(2000)));
                        state.setImage(noise(64, 64, round), null, MaskShapes.patches(64, 64, 0.4, 8, round));
                    });
                    CountDownLatch go = new CountDownLatch(1);
                    AtomicBoolean loadsDone = new AtomicBoolean();
                    ExecutorService threads = Executors.newFixedThreadPool(LOADERS + 2);
                    List<Future<?>> work = new ArrayList<>();
                    List<Future<?>> loaders = new ArrayList<>();
                    for (int i = 0; i < LOADERS; i++) {
                        long seed = random.nextLong();
                        loaders.add(threads.submit(() -> {
                            Random r = new Random(seed);
                            go.await();
                            for (int k = 0; k < LOADS_EACH; k++) {
                                futures.add(models.load(model, DEVICES[r.nextInt(DEVICES.length)]));
                                Thread.sleep(r.nextInt(40));
                            }
                            return null;
                        }));
                    }
                    work.add(threads.submit(() -> { // mask edits, so the lanes restore with whichever model is in
                        Random r = new Random(round);
                        go.await();
                        while (!loadsDone.get()) {
                            int x = r.nextInt(56), y = r.nextInt(56);
                            boolean preview = r.nextBoolean();
                            fx.execute(() -> state.fireMaskChanged(MaskShapes.fillRect(state.getMask(), x, y, 8, 8, r.nextBoolean()), preview));
                            Thread.sleep(3);
                        }
                        return null;
                    }));
                    long closeAfterMicros = random.nextInt(1500);
                    work.add(threads.submit(() -> {
                        go.await();
                        closeAfterOpens.await();
                        pause(closeAfterMicros);
                        closing.set(true);
                        models.close();
                        return null;
                    }));
                    go.countDown();
                    for (Future<?> f : loaders) f.get(120, TimeUnit.SECONDS);
                    loadsDone.set(true);
                    for (Future<?> f : work) f.get(120, TimeUnit.SECONDS);
                    threads.shutdown();
                    for (CompletableFuture<Boolean> f : futures) {
                        f.get(120, TimeUnit.SECONDS); // completes, and normally: get() throws otherwise
                    }
                    models.close(); // twice is harmless
                }
                maeResults += mae.size();
            }
            // Retiring runs on the loader thread after its future completed: give it a moment.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<MaeMethod> open;
            do {
                open = opened.stream().filter(ModelServiceStressTest::sessionOpen).toList();
                if (!open.isEmpty()) Thread.sleep(50);
            } while (!open.isEmpty() && System.nanoTime() < end);
            long usable = opened.stream().filter(m -> m.availability().available()).count();
            System.out.printf("model service stress: %d loads asked, %d sessions opened, %d closed, %d MAE results shown%n",
                    futures.size(), usable, usable - open.size(), maeResults);
            assertEquals(List.of(), open, "sessions left open");
            assertTrue(usable >= ROUNDS, "models really loaded: " + usable);
            assertTrue(maeResults > 0, "the lanes restored with the loaded models");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertEquals(List.of(), escaped, "exceptions that escaped a thread");
        assertEquals(List.of(), failuresBeforeClose, "failures shown by a swap");
        assertFalse(futures.isEmpty());
    }

    private static void pause(long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < end) Thread.onSpinWait();
    }

    /** A closed model refuses to run a tile; an open one restores. */
    private static boolean sessionOpen(MaeMethod m) {
        if (!m.availability().available()) return false;
        try {
            m.restore(noise(16, 16, 0), MaskShapes.patches(16, 16, 0.5, 8, 1));
            return true;
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("is closed")) return false;
            throw e;
        }
    }

    static FloatImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        float[][] planes = new float[3][w * h];
        for (float[] p : planes) for (int i = 0; i < p.length; i++) p[i] = r.nextFloat();
        return FloatImage.of(w, h, 8, planes);
    }
}
