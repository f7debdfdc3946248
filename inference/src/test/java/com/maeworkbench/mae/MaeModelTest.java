package com.maeworkbench.mae;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaeModelTest {

    /**
     * Closing while other threads run tiles (a model swap or the app closing mid-restore) must wait for them:
     * ONNX Runtime takes the whole process down when a session is released under a running tile.
     */
    @Test
    void closeWaitsForTilesInFlightAndLaterTilesFailCleanly() throws Exception {
        MaeModel model = Fixtures.open(MaeModel.defaultModelPath()); // the shipped model: tiles long enough to overlap the close
        int s = model.info().imageSize();
        float[] rgb = new float[3 * s * s];
        float[] mask = new float[model.info().maskLength()];
        Arrays.fill(mask, 1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch running = new CountDownLatch(3);
        try {
            Future<?>[] workers = new Future<?>[3];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = pool.submit(() -> {
                    running.countDown();
                    while (true) model.runTile(rgb, mask); // until the close makes it throw
                });
            }
            assertTrue(running.await(5, TimeUnit.SECONDS));
            Thread.sleep(50);
            model.close();
            for (Future<?> w : workers) {
                var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> w.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof IllegalStateException && e.getCause().getMessage().contains("closed"), e.getCause().toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fixtureFollowsTheContractAndReportsItsMetadata() {
        try (MaeModel model = Fixtures.open(Fixtures.fixtureModel())) {
            ModelInfo info = model.info();
            assertEquals(Integer.parseInt(info.metadata().get("image_size")), info.imageSize());
            assertEquals(Integer.parseInt(info.metadata().get("patch_size")), info.patchSize());
            assertEquals(0, info.imageSize() % info.patchSize());
            assertEquals(info.metadata().get("model_name"), info.name());
            assertEquals(info.metadata().get("model_version"), info.version());
            assertEquals(info.metadata().get("training_summary"), info.trainingSummary());
            assertFalse(info.name().isBlank());
            assertEquals(Fixtures.fixtureModel().toAbsolutePath().normalize(), info.file());
            assertEquals("CPU", model.execution().provider());
        }
    }

    @Test
    void meanFillModelWithSymbolicBatchIsAccepted() {
        try (MaeModel model = Fixtures.open(Fixtures.meanFillModel())) {
            ModelInfo info = model.info();
            assertEquals(32, info.imageSize());
            assertEquals(8, info.patchSize());
            assertEquals(16, info.patchCount());
            assertEquals("mean-fill-32", info.name());
            assertEquals("hand-written ONNX graph", info.metadata().get("recipe"), "extra metadata is kept for provenance");
        }
    }

    @Test
    void runTileReturnsAFullFiniteTileAndDependsOnVisiblePixelsOnly() {
        try (MaeModel model = Fixtures.open(Fixtures.fixtureModel())) {
            int s = model.info().imageSize(), n = model.info().patchCount();
            float[] tile = Fixtures.randomRgb(s, s, 3).planes()[0].clone();
            float[] rgb = new float[3 * s * s];
            for (int c = 0; c < 3; c++) System.arraycopy(tile, 0, rgb, c * s * s, s * s);
            float[] mask = new float[n];
            mask[0] = 1;
            float[] out = model.runTile(rgb, mask);
            assertEquals(3 * s * s, out.length);
            for (float v : out) assertTrue(Float.isFinite(v));
            float[] again = model.runTile(rgb, mask);
            assertTrue(Arrays.equals(out, again), "same input, same output");
            // Changing a visible pixel changes the answer (the model really reads its input) ...
            float[] changedVisible = rgb.clone();
            changedVisible[s * s - 1] = 1 - changedVisible[s * s - 1];
            assertFalse(Arrays.equals(out, model.runTile(changedVisible, mask)));
            // ... and it is the same session for every call
            assertNotEquals(0, out.length);
        }
    }

    @Test
    void runTileRejectsWrongLengthsAndClosedModels() {
        MaeModel model = Fixtures.open(Fixtures.meanFillModel());
        assertThrows(IllegalArgumentException.class, () -> model.runTile(new float[3], new float[16]));
        assertThrows(IllegalArgumentException.class, () -> model.runTile(new float[3 * 32 * 32], new float[15]));
        model.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.runTile(new float[3 * 32 * 32], new float[16]));
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void runTileIsSafeFromSeveralThreads() throws Exception {
        try (MaeModel model = Fixtures.open(Fixtures.fixtureModel())) {
            int s = model.info().imageSize(), n = model.info().patchCount();
            float[][] inputs = new float[4][];
            float[][] expected = new float[4][];
            float[] mask = new float[n];
            for (int i = 0; i < n; i += 3) mask[i] = 1;
            for (int k = 0; k < 4; k++) {
                float[] rgb = new float[3 * s * s];
                float[][] p = Fixtures.randomRgb(s, s, 10 + k).planes();
                for (int c = 0; c < 3; c++) System.arraycopy(p[c], 0, rgb, c * s * s, s * s);
                inputs[k] = rgb;
                expected[k] = model.runTile(rgb, mask);
            }
            Thread[] threads = new Thread[4];
            boolean[] ok = new boolean[4];
            for (int k = 0; k < 4; k++) {
                int id = k;
                threads[k] = new Thread(() -> {
                    boolean same = true;
                    for (int r = 0; r < 20; r++) same &= Arrays.equals(expected[id], model.runTile(inputs[id], mask));
                    ok[id] = same;
                });
                threads[k].start();
            }
            for (Thread t : threads) t.join();
            for (boolean b : ok) assertTrue(b, "a thread got another thread's tile");
        }
    }

    @Test
    void runtimeVersionIsTheOnnxRuntimeRelease() {
        String version = MaeModel.runtimeVersion();
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+.*"), version);
        String manifest = ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion();
        if (manifest != null) assertEquals(manifest, version);
    }

    @Test
    void defaultModelPathPrefersTheSystemProperty() {
        String old = System.getProperty("mae.model");
        try {
            System.setProperty("mae.model", "some/where/model.onnx");
            assertEquals(Path.of("some/where/model.onnx").toAbsolutePath().normalize(), MaeModel.defaultModelPath());
            System.clearProperty("mae.model");
            Path found = MaeModel.defaultModelPath();
            assertTrue(found.isAbsolute());
            assertTrue(found.endsWith(Path.of("assets", "model", "mae.onnx")), found.toString());
        } finally {
            if (old == null) System.clearProperty("mae.model");
            else System.setProperty("mae.model", old);
        }
    }
}
