package com.maeworkbench.app.service;

import com.maeworkbench.app.state.MaskChange;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.UncertaintyResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mae.MaeModelException;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.uncertainty.MaeUncertainty;
import com.maeworkbench.uncertainty.UncertaintyMap;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * Computes the MAE's uncertainty map ({@link MaeUncertainty}) in the background once the live MAE result has
 * settled: the gesture ended and the MAE lane published its result for that mask. It never competes with the
 * panels: it starts only when every lane of the {@link ReconstructionService} is idle (the way full-only
 * methods wait for the live lanes), and any edit, image or model swap interrupts it at once (the MAE checks
 * between tiles, and this service's copy runs one tile at a time, so the CPU is free again within one tile).
 * <p>
 * It runs its own {@link MaeMethod} of the live model file: the live one keeps per-tile outputs of its newest
 * result for fast edits, which the ensemble's flipped copies would displace. That model is opened on this
 * service's thread when the map is first wanted, reopened when the live model is swapped, and closed when the
 * map is no longer wanted and on {@link #close()}; every model it opens is closed once, on its own thread, never
 * while a map is being computed with it.
 * <p>
 * Active while {@code active} holds (the panel shown, or presenting); otherwise it does nothing and holds no model.
 */
public final class UncertaintyService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(UncertaintyService.class.getName());
    private static final long IDLE_POLL_MS = 10;

    private final WorkbenchState state;
    private final Executor fx;
    private final BooleanSupplier restorationsIdle;
    private final BiFunction<Path, Device, MaeMethod> opener;
    private final PerfLog perf;
    private final ObservableBooleanValue active; // held: a binding passed in is referenced only weakly by its sources
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "uncertainty");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY); // a hint only (Linux ignores it): waiting and cancelling are what yield
        return t;
    });
    private final AtomicInteger computed = new AtomicInteger(), cancelled = new AtomicInteger();
    private volatile boolean closed;

    // FX thread (and close())
    private boolean on;
    private volatile Future<?> job;
    private long requestedSeq = -1;
    private FloatImage requestedFrom;
    private MethodResult beforeSwap; // the replaced model's result, shown until the new model's arrives

    // worker thread: the model the maps are computed with, and the live model it copies (identity only, never run here)
    private MaeMethod own;
    private MaeUncertainty uncertainty;
    private MaeMethod ownFor;

    public UncertaintyService(WorkbenchState state, Executor fx, ReconstructionService restorations, ObservableBooleanValue active, PerfLog perf) {
        this(state, fx, restorations::idle, active, perf, UncertaintyService::openOneTileAtATime);
    }

    /**
     * The model on one tile at a time (the live MAE runs tiles side by side on every core): a background map keeps
     * a core free for the FX and render threads, and an edit waits for at most one tile to finish.
     */
    static MaeMethod openOneTileAtATime(Path file, Device device) {
        try {
            return new MaeMethod(MaeModel.open(file, device), 1);
        } catch (MaeModelException e) {
            return MaeMethod.unavailable(e.getMessage());
        }
    }

    /**
     * @param restorationsIdle whether the panels' restorations are all idle ({@link ReconstructionService#idle()})
     * @param opener           opens this service's own copy of a model, never throwing ({@link MaeMethod#load})
     */
    UncertaintyService(WorkbenchState state, Executor fx, BooleanSupplier restorationsIdle, ObservableBooleanValue active,
                       PerfLog perf, BiFunction<Path, Device, MaeMethod> opener) {
        this.state = state;
        this.fx = fx;
        this.restorationsIdle = restorationsIdle;
        this.opener = opener;
        this.perf = perf;
        this.active = active;
        state.maskChangeProperty().addListener((o, a, change) -> cancel());
        state.methods().addListener((ListChangeListener<RestorationMethod>) c -> {
            // A swapped model: its first result is a new one to answer, and the old map belongs to the old model.
            cancel();
            requestedSeq = -1;
            beforeSwap = state.results().get("mae");
            if (on) explainMissingModel();
        });
        state.results().addListener((MapChangeListener<String, MethodResult>) c -> {
            if (c.wasAdded() && "mae".equals(c.getKey())) request();
        });
        active.addListener((o, was, is) -> setActive(is));
        setActive(active.get());
    }

    private void setActive(boolean wanted) {
        if (wanted == on) return;
        on = wanted;
        if (on) {
            explainMissingModel();
            request();
        } else {
            cancel();
            requestedSeq = -1;
            state.uncertaintyActivityProperty().set(null);
            submit(this::closeModel); // no map wanted: the second session's memory goes back
        }
    }

    /** With an MAE that could not be loaded in the list, the panel says so instead of waiting for it. */
    private void explainMissingModel() {
        for (RestorationMethod m : state.methods()) {
            if (m instanceof MaeMethod mae && !mae.availability().available()) {
                state.uncertaintyProperty().set(UncertaintyResult.failed("no MAE model: " + mae.availability().reason(), state.maskSeq()));
                state.uncertaintyActivityProperty().set(null);
            }
        }
    }

    /** Interrupts the map in progress (an edit or swap makes it stale). */
    private void cancel() {
        if (job != null) job.cancel(true);
        job = null;
        requestedFrom = null;
        if (on) state.uncertaintyActivityProperty().set(state.getImage() == null ? null : "waiting for the MAE…");
    }

    /** Starts a map for the MAE's result once it answers the settled mask, once per result. */
    private void request() {
        if (!on || closed) return;
        MethodResult r = state.results().get("mae");
        MaskChange last = state.maskChangeProperty().get();
        MaeMethod live = liveMae();
        if (r == null || r == beforeSwap || live == null || last == null || last.preview() || r.maskSeq() != state.maskSeq()) return;
        if (r.maskSeq() == requestedSeq && (r.image() == null || r.image() == requestedFrom)) return;
        requestedSeq = r.maskSeq();
        requestedFrom = r.image();
        if (r.image() == null) {
            state.uncertaintyProperty().set(UncertaintyResult.failed("no MAE result: " + (r.error() == null ? "not computed" : r.error()), r.maskSeq()));
            state.uncertaintyActivityProperty().set(null);
            return;
        }
        if (job != null) job.cancel(true);
        // Copies on the FX thread: the brush edits the live mask in place.
        FloatImage image = state.getImage(), plain = r.image();
        Mask mask = state.getMask().copy();
        long seq = r.maskSeq();
        Device device = state.deviceProperty().get();
        state.uncertaintyActivityProperty().set("waiting for the other panels…");
        job = submit(() -> compute(image, mask, plain, seq, live, device));
    }

    private MaeMethod liveMae() {
        for (RestorationMethod m : state.methods()) {
            if (m instanceof MaeMethod mae && mae.availability().available()) return mae;
        }
        return null;
    }

    private Future<?> submit(Runnable r) {
        try {
            return worker.submit(r);
        } catch (RejectedExecutionException e) {
            return null; // closed
        }
    }

    // --- worker thread

    private void compute(FloatImage image, Mask mask, FloatImage plain, long seq, MaeMethod live, Device device) {
        boolean started = false;
        try {
            MaeUncertainty u = open(live, device);
            if (u == null) return;
            while (!restorationsIdle.getAsBoolean()) TimeUnit.MILLISECONDS.sleep(IDLE_POLL_MS);
            if (Thread.currentThread().isInterrupted()) return;
            started = true;
            toFx(() -> {
                if (state.maskSeq() == seq) state.uncertaintyActivityProperty().set("computing…");
            });
            UncertaintyMap map = u.estimate(image, mask, plain);
            if (Thread.currentThread().isInterrupted()) throw new CancellationException();
            UncertaintyResult result = UncertaintyResult.of(map, image, mask, calibrationSource(u), seq);
            computed.incrementAndGet();
            toFx(() -> {
                perf.uncertainty(map.millis(), map.passes());
                if (!on || state.maskSeq() != seq || state.getImage() != image) return; // an edit got in first
                state.uncertaintyProperty().set(result);
                state.uncertaintyActivityProperty().set(null);
            });
        } catch (InterruptedException | CancellationException e) {
            if (started) {
                cancelled.incrementAndGet();
                toFx(perf::uncertaintyCancelled);
            }
        } catch (Throwable e) { // errors too (OOM on a huge image, native failures): the service must stay usable
            if (closed || Thread.currentThread().isInterrupted()) return;
            String why = Failures.reason(e);
            LOG.log(Level.ERROR, "uncertainty map failed on a " + image.width() + "x" + image.height() + " image: " + why, e);
            toFx(() -> {
                if (state.maskSeq() != seq || state.getImage() != image) return;
                state.uncertaintyProperty().set(UncertaintyResult.failed(why, seq));
                state.uncertaintyActivityProperty().set(null);
            });
        }
    }

    /**
     * This service's copy of the live model, opened (and the previous copy closed) when the live model was swapped:
     * a model reloaded from the same path may be a new file.
     */
    private MaeUncertainty open(MaeMethod live, Device device) {
        if (own != null && live == ownFor) return uncertainty;
        closeModel();
        Path file = live.info().file();
        long t0 = System.nanoTime();
        MaeMethod m = opener.apply(file, device);
        if (!m.availability().available()) {
            m.close();
            String why = "uncertainty model not loaded: " + m.availability().reason();
            LOG.log(Level.WARNING, why);
            toFx(() -> {
                state.uncertaintyProperty().set(UncertaintyResult.failed(why, state.maskSeq()));
                state.uncertaintyActivityProperty().set(null);
            });
            return null;
        }
        own = m;
        ownFor = live;
        uncertainty = MaeUncertainty.of(m);
        LOG.log(Level.INFO, String.format("uncertainty model %s opened in %.0f ms; %s", file, (System.nanoTime() - t0) / 1e6, uncertainty.calibrationNote()));
        return uncertainty;
    }

    /**
     * Which calibration the map uses, for the people reading it: the data it was fitted on (the sidecar's
     * {@code fitted_on} up to its hashes, e.g. "calibrated on val split: 27 pictures of training/data/val"), else
     * the core's note (which file, or why there is none).
     */
    static String calibrationSource(MaeUncertainty u) {
        String fittedOn = u.calibration().provenance().get("fitted_on");
        if (!u.calibration().calibrated() || fittedOn == null || fittedOn.isBlank()) return u.calibrationNote();
        int detail = fittedOn.indexOf(" (");
        return "calibrated on " + (detail > 0 ? fittedOn.substring(0, detail) : fittedOn).strip();
    }

    private void closeModel() {
        if (own == null) return;
        own.close();
        own = null;
        uncertainty = null;
        ownFor = null;
    }

    private void toFx(Runnable r) {
        try {
            fx.execute(r);
        } catch (RuntimeException e) {
            if (!closed) throw e;
        }
    }

    /** Maps published since this service started (tests, the timing summary). */
    public int computed() {
        return computed.get();
    }

    /** Maps interrupted by an edit after they had started computing. */
    public int cancelled() {
        return cancelled.get();
    }

    /**
     * Interrupts the map in progress and closes this service's model once that has stopped (within one MAE
     * tile); waits for it, so the native session is released before the process exits.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (job != null) job.cancel(true);
        submit(this::closeModel);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) LOG.log(Level.WARNING, "uncertainty model still busy after 10 s at close");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
