package com.maeworkbench.app.service;

import com.maeworkbench.app.TestAssets;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.UncertaintyResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mask.MaskShapes;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.MapChangeListener;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The uncertainty map runs after the live MAE result settles and yields to the panels: it does not start during a
 * drag, waits while any lane works, is interrupted by the next edit (its map never shown), answers the edit after
 * it, and every model it opens is closed. Real model, real MAE lane, headless (a thread stands in for FX).
 */
class UncertaintyServiceTest {

    private static final long WAIT_S = 120;

    /** Events in the order the FX thread saw them. */
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<MaeMethod> opened = new CopyOnWriteArrayList<>();
    private final BiFunction<Path, Device, MaeMethod> opener = (file, device) -> {
        MaeMethod m = UncertaintyService.openOneTileAtATime(file, device);
        opened.add(m);
        return m;
    };

    @Test
    void computedAfterTheMaeSettlesWaitsForTheLanesAndIsCancelledByANewEdit() throws Exception {
        FloatImage img = ImageFiles.read(TestAssets.sample("camera.png"), ImageFiles.DEFAULT_MAX_PIXELS);
        WorkbenchState state = new WorkbenchState();
        SimpleBooleanProperty shown = new SimpleBooleanProperty(true);
        ReconstructionServiceTest.SlowFill slow = new ReconstructionServiceTest.SlowFill();
        MaeMethod live = MaeMethod.load(TestAssets.model(), Device.CPU);
        try (FxStandIn fx = new FxStandIn(); ReconstructionService lanes = new ReconstructionService(state, fx, 2);
             live) {
            UncertaintyService service = new UncertaintyService(state, fx, lanes::idle, shown, new PerfLog(false), opener);
            MaskController masks = new MaskController(state);
            fx.run(() -> {
                state.results().addListener((MapChangeListener<String, MethodResult>) c -> {
                    if (c.wasAdded() && c.getKey().equals("mae") && c.getValueAdded().image() != null) events.add("mae " + c.getValueAdded().maskSeq());
                });
                state.uncertaintyActivityProperty().addListener((o, a, b) -> {
                    if ("computing…".equals(b)) events.add("computing " + state.maskSeq());
                });
                state.uncertaintyProperty().addListener((o, a, b) -> {
                    if (b != null) events.add("map " + b.maskSeq());
                });
                state.methods().setAll(List.of(live, slow));
                state.setImage(img, null, MaskShapes.patches(img.width(), img.height(), 0.5, 16, 1));
            });

            // 1. The first map answers the opened image's mask, after the MAE published it.
            long first = fx.call(state::maskSeq);
            fx.await("the first map", WAIT_S, () -> answers(state, first));
            assertTrue(events.indexOf("mae " + first) < events.indexOf("computing " + first), "computing after the MAE settled: " + events);

            // 2. A drag: the live lanes update on each step, no map starts until the gesture ends.
            fx.run(() -> masks.beginStroke(100, 100, false));
            for (int i = 1; i <= 10; i++) {
                int x = 100 + 12 * i;
                fx.run(() -> masks.strokeTo(x, 110));
                Thread.sleep(30);
            }
            fx.await("a drag step's MAE result", WAIT_S, () -> {
                MethodResult r = state.results().get("mae");
                return r != null && r.preview() && r.maskSeq() > first;
            });
            slow.hold.set(true); // the slow lane keeps working until released: the map must wait for it
            fx.run(masks::endStroke);
            long stroke = fx.call(state::maskSeq);
            fx.await("the MAE result of the stroke", WAIT_S, () -> {
                MethodResult r = state.results().get("mae");
                return r != null && r.maskSeq() == stroke && r.image() != null;
            });
            Thread.sleep(500);
            assertFalse(events.contains("computing " + stroke), "no map while a lane works: " + events);
            assertEquals("waiting for the other panels…", fx.call(() -> state.uncertaintyActivityProperty().get()));
            for (String e : events) assertFalse(e.startsWith("computing ") && Long.parseLong(e.substring(10)) > first && Long.parseLong(e.substring(10)) < stroke,
                    "no map for a drag step: " + events);
            slow.hold.set(false);

            // 3. The next edit interrupts the map in flight: it is never shown, and the one after it is.
            fx.await("the stroke's map computing", WAIT_S, () -> events.contains("computing " + stroke));
            int cancelledBefore = service.cancelled();
            fx.run(masks::invert);
            long inverted = fx.call(state::maskSeq);
            fx.await("the map in flight cancelled", WAIT_S, () -> service.cancelled() == cancelledBefore + 1);
            fx.await("the inverted mask's map", WAIT_S, () -> answers(state, inverted));
            assertFalse(events.contains("map " + stroke), "the interrupted map was not shown: " + events);
            UncertaintyResult u = fx.call(() -> state.uncertaintyProperty().get());
            assertTrue(u.map().calibrated(), u.calibrationNote());
            assertEquals(3, u.map().passes(), "the live result is the plain member: 3 more passes");
            boolean[] missing = fx.call(() -> state.getMask().missing().clone());
            for (int i = 0; i < missing.length; i++) {
                if (!missing[i]) assertEquals(0f, u.map().sigma()[i], "0 at known pixels");
            }
            assertTrue(u.rmsInMask() > 0, "a spread in the mask");

            // 4. Hidden: nothing is computed and its model is closed; shown again, a new one opens.
            fx.run(() -> shown.set(false));
            fx.run(masks::invert);
            long hiddenEdit = fx.call(state::maskSeq);
            fx.await("the lanes done", WAIT_S, () -> state.results().get("mae").maskSeq() == hiddenEdit && lanes.idle());
            Thread.sleep(300);
            assertFalse(events.contains("computing " + hiddenEdit), "nothing computed while hidden: " + events);
            fx.await("the model closed once the map is not wanted", WAIT_S, () -> !sessionOpen(opened.get(0)));
            fx.run(() -> shown.set(true));
            fx.await("a map once shown again", WAIT_S, () -> answers(state, hiddenEdit));
            assertEquals(2, opened.size());
            service.close();
        }
        for (MaeMethod m : opened) assertFalse(sessionOpen(m), "every model the service opened is closed");
    }

    @Test
    void aSwappedModelIsReopenedAndAFailedMaeSaysWhy() throws Exception {
        FloatImage img = ImageFiles.read(TestAssets.sample("ct-small.dcm"), ImageFiles.DEFAULT_MAX_PIXELS);
        WorkbenchState state = new WorkbenchState();
        MaeMethod first = MaeMethod.load(TestAssets.model(), Device.CPU), second = MaeMethod.load(TestAssets.model(), Device.CPU);
        try (FxStandIn fx = new FxStandIn(); ReconstructionService lanes = new ReconstructionService(state, fx, 2); first; second) {
            UncertaintyService service = new UncertaintyService(state, fx, lanes::idle, new SimpleBooleanProperty(true), new PerfLog(false), opener);
            fx.run(() -> {
                state.methods().setAll(List.of(first));
                state.setImage(img, null, MaskShapes.patches(img.width(), img.height(), 0.5, 16, 1));
            });
            long seq = fx.call(state::maskSeq);
            fx.await("the first map", WAIT_S, () -> answers(state, seq));
            UncertaintyResult before = fx.call(() -> state.uncertaintyProperty().get());
            assertTrue(before.map().calibrated());
            assertEquals(img.calibration().unit(), before.sigma().calibration().unit(), "the readout in the image's units");

            // A swap (what ModelService does): the new model's result gets a map of its own, from a reopened copy.
            fx.run(() -> state.methods().set(0, second));
            fx.await("a map from the swapped model", WAIT_S, () -> {
                UncertaintyResult u = state.uncertaintyProperty().get();
                return u != null && u != before && answers(state, seq);
            });
            assertEquals(2, opened.size(), "the service opened its own copy again");
            fx.await("the replaced model's copy closed", WAIT_S, () -> !sessionOpen(opened.get(0)));

            // An MAE that cannot run: the map says why instead of waiting forever.
            fx.run(() -> state.methods().set(0, MaeMethod.unavailable("test: no model")));
            fx.run(() -> state.fireMaskChanged(new com.maeworkbench.mask.Region(0, 0, 1, 1), false));
            fx.await("no map, with the reason", WAIT_S, () -> state.uncertaintyProperty().get() != null && state.uncertaintyProperty().get().error() != null);
            assertNull(fx.call(() -> state.uncertaintyProperty().get().map()));
            assertNotNull(fx.call(() -> state.uncertaintyProperty().get().error()));
            service.close();
        }
        for (MaeMethod m : opened) assertFalse(sessionOpen(m), "every model the service opened is closed");
    }

    /** The state shows a map computed for edit {@code seq}, which is the mask shown. FX stand-in thread. */
    private static boolean answers(WorkbenchState state, long seq) {
        UncertaintyResult u = state.uncertaintyProperty().get();
        return u != null && u.map() != null && u.maskSeq() == seq && state.maskSeq() == seq && state.uncertaintyActivityProperty().get() == null;
    }

    /** A closed model refuses to run a tile. */
    private static boolean sessionOpen(MaeMethod m) {
        try {
            m.restore(ModelServiceStressTest.noise(16, 16, 0), MaskShapes.patches(16, 16, 0.5, 8, 1));
            return true;
        } catch (IllegalStateException e) {
            if (e.getMessage().contains("is closed")) return false;
            throw e;
        }
    }
}
