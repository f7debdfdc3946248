package com.maeworkbench.app.service;

import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.ExecutionChoice;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.method.RestorationMethod;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Loads the MAE model on a background thread and swaps it into the method list (always first). A model
 * that breaks the contract is reported and the previous one stays; when none loaded yet, the MAE panel
 * shows why. CUDA that was asked for but cannot run is reported while the model runs on the CPU.
 */
public final class ModelService implements AutoCloseable {

    private final WorkbenchState state;
    private final Notifier notifier;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "model-load");
        t.setDaemon(true);
        return t;
    });
    // Written on the FX thread, read by close() from any thread (tests close from theirs): guarded by this,
    // so a model installed while the service closes is either closed by close() or by install() itself.
    private MaeMethod current;
    private boolean closed;

    public ModelService(WorkbenchState state, Notifier notifier) {
        this.state = state;
        this.notifier = notifier;
    }

    /** Loads {@code file} on {@code device}; completes on the FX thread with whether it is now in use. */
    public CompletableFuture<Boolean> load(Path file, Device device) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        state.deviceStatusProperty().set("Loading model " + file.getFileName() + "…");
        loader.execute(() -> {
            MaeMethod method = MaeMethod.load(file, device);
            Platform.runLater(() -> done.complete(install(method, file, device)));
        });
        return done;
    }

    private boolean install(MaeMethod method, Path file, Device device) {
        boolean usable = method.availability().available();
        MaeMethod old = null;
        // One block: a close() between a check and the swap would leave the new model open.
        synchronized (this) {
            if (closed) {
                method.close();
                return false;
            }
            if (usable) {
                old = current;
                current = method;
            }
        }
        if (!usable) {
            notifier.error("Model not loaded", method.availability().reason());
            if (current == null) {
                state.modelErrorProperty().set(method.availability().reason());
                state.deviceStatusProperty().set("MAE unavailable");
                swapIn(method);
            } else {
                describe(current.execution());
            }
            return false;
        }
        state.modelErrorProperty().set(null);
        state.modelPathProperty().set(file.toAbsolutePath());
        state.deviceProperty().set(device);
        state.modelInfoProperty().set(method.info());
        state.executionProperty().set(method.execution());
        state.patchSizeProperty().set(method.info().patchSize());
        describe(method.execution());
        if (device == Device.CUDA && !method.execution().onGpu()) {
            notifier.error("CUDA unavailable", method.execution().reason());
        }
        swapIn(method);
        if (old != null) retire(old);
        return true;
    }

    private void describe(ExecutionChoice choice) {
        state.deviceStatusProperty().set(choice.provider() + (choice.reason() == null || choice.reason().isBlank() ? "" : " — " + choice.reason()));
    }

    private void swapIn(MaeMethod method) {
        var methods = state.methods();
        for (int i = 0; i < methods.size(); i++) {
            RestorationMethod m = methods.get(i);
            if (m instanceof MaeMethod) {
                methods.set(i, method);
                return;
            }
        }
        methods.add(0, method);
    }

    /**
     * Closes a replaced model off the FX thread: closing waits for its tiles in flight, and the lanes, interrupted
     * on the swap, drop the "closed" failures of their remaining tiles.
     */
    private void retire(MaeMethod old) {
        loader.execute(old::close);
    }

    public synchronized MaeMethod current() {
        return current;
    }

    /** Closes the model in use, waiting for its tiles in flight; a replaced model still queued is closed too. */
    @Override
    public void close() {
        MaeMethod last;
        synchronized (this) {
            closed = true;
            last = current;
        }
        loader.shutdown(); // a queued retire still closes its model; a load still running closes in install()
        if (last != null) last.close();
    }
}
