package com.maeworkbench.app.service;

import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.ExecutionChoice;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mae.ModelInfo;
import com.maeworkbench.method.RestorationMethod;
import javafx.application.Platform;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;

/**
 * Loads the MAE model on a background thread and swaps it into the method list (always first). A model
 * that breaks the contract is reported and the previous one stays; when none loaded yet, the MAE panel
 * shows why. CUDA that was asked for but cannot run is reported while the model runs on the CPU.
 * <p>
 * Every model this service opens is closed exactly once, whatever the order of loads, swaps and
 * {@link #close()} from any threads: the model in use is closed by {@code close()}, a replaced one on the
 * loader thread once its tiles in flight are done (or on the spot when the service is closing), and one
 * that arrives after {@code close()} at once. Every future returned by {@link #load} completes.
 */
public final class ModelService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ModelService.class.getName());

    private final WorkbenchState state;
    private final Notifier notifier;
    private final Executor fx;
    private final BiFunction<Path, Device, MaeMethod> opener;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "model-load");
        t.setDaemon(true);
        return t;
    });
    private MaeMethod current; // guarded by this: the usable model in the method list, null before the first and after close()
    private boolean closed;    // guarded by this

    public ModelService(WorkbenchState state, Notifier notifier) {
        this(state, notifier, Platform::runLater, MaeMethod::load);
    }

    /**
     * @param fx     runs the swap on the thread that owns {@code state} (Platform::runLater in the app)
     * @param opener opens a model, never throwing: an unavailable method carries the reason ({@link MaeMethod#load})
     */
    ModelService(WorkbenchState state, Notifier notifier, Executor fx, BiFunction<Path, Device, MaeMethod> opener) {
        this.state = state;
        this.notifier = notifier;
        this.fx = fx;
        this.opener = opener;
    }

    /**
     * Loads {@code file} on {@code device}; completes on the FX thread with whether it is now in use (false
     * when it did not load or the service closed first). May be called from any thread.
     */
    public CompletableFuture<Boolean> load(Path file, Device device) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                done.complete(false);
                return done;
            }
        }
        LOG.log(Level.INFO, "loading model " + file + " on device " + device);
        // Queued before the load, so the swap's status line (queued after it) is the one that stays.
        fx.execute(() -> state.deviceStatusProperty().set("Loading model " + file.getFileName() + "…"));
        try {
            loader.execute(() -> loadNow(file, device, done));
        } catch (RejectedExecutionException e) {
            done.complete(false); // closed meanwhile
        }
        return done;
    }

    private void loadNow(Path file, Device device, CompletableFuture<Boolean> done) {
        synchronized (this) {
            if (closed) {
                done.complete(false); // queued before close(): no session to open any more
                return;
            }
        }
        long t0 = System.nanoTime();
        MaeMethod method;
        try {
            method = opener.apply(file, device);
        } catch (Throwable e) { // MaeMethod.load reports model problems itself; this is the unexpected rest (OOM, native)
            LOG.log(Level.ERROR, "loading model " + file + " failed", e);
            method = MaeMethod.unavailable(file.getFileName() + ": " + Failures.reason(e));
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        MaeMethod loaded = method;
        try {
            fx.execute(() -> {
                try {
                    done.complete(install(loaded, file, device, ms));
                } catch (Throwable e) {
                    LOG.log(Level.ERROR, "installing model " + file + " failed", e);
                    done.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) { // the FX thread is gone: nobody will install it
            loaded.close();
            done.complete(false);
        }
    }

    private boolean install(MaeMethod method, Path file, Device device, double loadMillis) {
        boolean usable = method.availability().available();
        MaeMethod old;
        boolean open;
        // One block: a close() between a check and the swap would leave the new model open.
        synchronized (this) {
            open = !closed;
            old = current;
            if (open && usable) current = method;
        }
        if (!open) {
            method.close(); // arrived after close()
            return false;
        }
        if (!usable) {
            String reason = method.availability().reason();
            LOG.log(Level.WARNING, "model " + file + " not loaded: " + reason);
            notifier.error("Model not loaded", reason);
            if (old == null) {
                state.modelErrorProperty().set(reason);
                state.deviceStatusProperty().set("MAE unavailable");
                swapIn(method);
            } else {
                describe(old.execution());
            }
            return false;
        }
        ModelInfo info = method.info();
        ExecutionChoice execution = method.execution();
        LOG.log(Level.INFO, String.format("model %s %s loaded from %s in %.0f ms; device %s: %s, %s", info.name(), info.version(),
                file, loadMillis, device, execution.provider(), execution.reason()));
        state.modelErrorProperty().set(null);
        state.modelPathProperty().set(file.toAbsolutePath());
        state.deviceProperty().set(device);
        state.modelInfoProperty().set(info);
        state.executionProperty().set(execution);
        state.patchSizeProperty().set(info.patchSize());
        describe(execution);
        if (device == Device.CUDA && !execution.onGpu()) {
            notifier.error("CUDA unavailable", execution.reason());
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
     * on the swap, drop the "closed" failures of their remaining tiles. Once the service is closing, the loader
     * takes no more work and the model is closed here.
     */
    private void retire(MaeMethod old) {
        try {
            loader.execute(old::close);
        } catch (RejectedExecutionException e) {
            old.close();
        }
    }

    public synchronized MaeMethod current() {
        return current;
    }

    /**
     * Closes the model in use, waiting for its tiles in flight; a replaced model still queued is closed too,
     * and a load still running closes its model when it arrives.
     */
    @Override
    public void close() {
        MaeMethod last;
        synchronized (this) {
            if (closed) return;
            closed = true;
            last = current;
            current = null;
        }
        loader.shutdown(); // queued retires still run; queued loads find the service closed
        if (last != null) last.close();
    }
}
