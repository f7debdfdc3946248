package com.maeworkbench.app.service;

import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeMethod;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edges of loading: an opener that throws an error still completes the future and says why; a closed service loads nothing. */
class ModelServiceTest {

    @Test
    void anErrorWhileLoadingIsReportedAndTheFutureCompletes() throws Exception {
        WorkbenchState state = new WorkbenchState();
        try (FxStandIn fx = new FxStandIn(); LogCapture log = new LogCapture(ModelService.class);
             ModelService models = new ModelService(state, new Notifier(state), fx, (file, device) -> {
                 throw new UnsatisfiedLinkError("libonnxruntime.so: cannot open shared object file");
             })) {
            assertFalse(models.load(Path.of("model.onnx"), Device.CPU).get(10, TimeUnit.SECONDS));
            String shown = fx.call(() -> state.modelErrorProperty().get());
            assertTrue(shown.startsWith("model.onnx: internal error (UnsatisfiedLinkError: libonnxruntime.so"), shown);
            assertTrue(fx.call(() -> state.methods().get(0)) instanceof MaeMethod, "the MAE panel shows why");
            assertTrue(fx.call(() -> state.notifications().get(0)).startsWith("ERROR Model not loaded: model.onnx"));
            assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.SEVERE && r.getThrown() instanceof UnsatisfiedLinkError), log.text());
        }
    }

    @Test
    void aClosedServiceLoadsNothing() throws Exception {
        WorkbenchState state = new WorkbenchState();
        try (FxStandIn fx = new FxStandIn()) {
            ModelService models = new ModelService(state, new Notifier(state), fx, (file, device) -> {
                throw new AssertionError("nothing is opened after close()");
            });
            models.close();
            assertFalse(models.load(Path.of("model.onnx"), Device.CPU).get(10, TimeUnit.SECONDS));
            assertEquals(0, fx.call(() -> state.methods().size()));
        }
    }
}
