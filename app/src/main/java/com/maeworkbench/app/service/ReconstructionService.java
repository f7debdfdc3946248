package com.maeworkbench.app.service;

import com.maeworkbench.app.state.MaskChange;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.metric.Metrics;
import javafx.collections.ListChangeListener;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Runs every method of {@link WorkbenchState#methods()} on each mask edit, off the FX thread.
 * <p>
 * Each method has a lane holding at most one pending request: a newer edit replaces it (stale requests
 * are dropped), and an edit that ends a gesture also interrupts work in flight. Lanes take turns on a
 * small shared pool so one slow method cannot starve the others. Each lane remembers the mask of its last
 * result, so the region to recompute is exactly what changed since then, however many edits were dropped.
 * Results reach the state through {@code fx} (Platform::runLater in the app): first the image, then the
 * metrics, which are skipped while a newer request waits.
 */
public final class ReconstructionService implements AutoCloseable {

    /** Computes the quality of a restoration (the core's Quality::measure in the app). */
    @FunctionalInterface
    public interface Measure {
        Metrics measure(FloatImage original, FloatImage restored, Mask mask, double millis);
    }

    private record Request(long seq, long generation, FloatImage image, Mask mask, boolean preview, long nanos) {
    }

    private final WorkbenchState state;
    private final Executor fx;
    private final Measure measure;
    private final Function<RestorationMethod, Restorers.Incremental> strategy;
    private final ExecutorService pool;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private long seq;

    public ReconstructionService(WorkbenchState state, Executor fx, Measure measure,
                                 Function<RestorationMethod, Restorers.Incremental> strategy, int threads) {
        this.state = state;
        this.fx = fx;
        this.measure = measure;
        this.strategy = strategy;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "restore-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1); // keep the FX thread responsive on 2 cores
            return t;
        });
        state.methods().addListener((ListChangeListener<RestorationMethod>) c -> rebuildLanes());
        state.maskChangeProperty().addListener((obs, old, change) -> onMaskChange(change));
        rebuildLanes();
    }

    private void rebuildLanes() {
        lanes.values().forEach(Lane::cancel);
        lanes.clear();
        for (RestorationMethod m : state.methods()) {
            if (m.availability().available()) lanes.put(m.id(), new Lane(m, strategy.apply(m)));
        }
        if (state.getImage() != null) onMaskChange(new MaskChange(-1, Region.EMPTY, false));
    }

    /** Re-runs every method from scratch, e.g. after the model or device changed. */
    public void recomputeAll() {
        rebuildLanes();
    }

    private void onMaskChange(MaskChange change) {
        FloatImage image = state.getImage();
        if (image == null || change == null) return;
        // Copy on the FX thread: the brush keeps painting into the live mask while workers read this one.
        Request r = new Request(++seq, state.imageGenerationProperty().get(), image, state.getMask().copy(), change.preview(), System.nanoTime());
        for (Lane lane : lanes.values()) lane.submit(r);
    }

    @Override
    public void close() {
        lanes.values().forEach(Lane::cancel);
        pool.shutdownNow();
    }

    private final class Lane {
        private final RestorationMethod method;
        private final Restorers.Incremental restorer;
        private final AtomicReference<Request> pending = new AtomicReference<>();
        private boolean scheduled;        // guarded by this
        private Thread worker;            // guarded by this; set while computing
        private Request current;          // guarded by this
        private volatile boolean cancelled;
        // Worker-confined: the request and output behind the last published result.
        private long lastGeneration = -1;
        private Mask lastMask;
        private FloatImage lastResult;

        Lane(RestorationMethod method, Restorers.Incremental restorer) {
            this.method = method;
            this.restorer = restorer;
        }

        void submit(Request r) {
            pending.set(r);
            synchronized (this) {
                boolean stale = current != null && (!r.preview || current.generation != r.generation);
                if (stale && worker != null) worker.interrupt();
                if (scheduled) return;
                scheduled = true;
            }
            pool.execute(this::runOne);
        }

        void cancel() {
            cancelled = true;
            pending.set(null);
            synchronized (this) {
                if (worker != null) worker.interrupt();
            }
        }

        private void runOne() {
            Request r = pending.getAndSet(null);
            if (r != null && !cancelled) {
                synchronized (this) {
                    worker = Thread.currentThread();
                    current = r;
                }
                try {
                    compute(r);
                } finally {
                    synchronized (this) {
                        worker = null;
                        current = null;
                        Thread.interrupted(); // an interrupt aimed at the finished request must not hit the next
                    }
                }
            }
            synchronized (this) {
                if (pending.get() == null || cancelled) {
                    scheduled = false;
                    return;
                }
            }
            pool.execute(this::runOne); // back of the queue: other lanes get their turn
        }

        private void compute(Request r) {
            boolean sameImage = r.generation == lastGeneration && lastResult != null;
            Region dirty = sameImage ? changedRegion(lastMask, r.mask) : new Region(0, 0, r.image.width(), r.image.height());
            if (sameImage && dirty.isEmpty()) return;
            inFlight.incrementAndGet();
            fx.execute(() -> state.busyProperty().set(inFlight.get()));
            try {
                long t0 = System.nanoTime();
                RegionRestore.Outcome out = restorer.restore(r.image, r.mask, dirty, sameImage ? lastResult : null);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (Thread.currentThread().isInterrupted() || cancelled) return;
                lastGeneration = r.generation;
                lastMask = r.mask;
                lastResult = out.image();
                MethodResult result = new MethodResult(method.id(), out.image(), null, ms, out.region(), null, r.seq, r.nanos, r.preview);
                publish(r, result);
                if (pending.get() == null && !cancelled) {
                    // Metrics only for the newest state: SSIM on every drag step would cost more than the drag.
                    publish(r, result.withMetrics(measure.measure(r.image, out.image(), r.mask, ms)));
                }
            } catch (RuntimeException e) {
                if (cancelled || Thread.currentThread().isInterrupted() || e instanceof java.util.concurrent.CancellationException || isInterruption(e)) return;
                lastResult = null; // the next request starts from scratch
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                publish(r, MethodResult.failed(method.id(), why, r.seq));
            } finally {
                inFlight.decrementAndGet();
                fx.execute(() -> state.busyProperty().set(inFlight.get()));
            }
        }

        private void publish(Request r, MethodResult result) {
            fx.execute(() -> {
                if (cancelled || state.imageGenerationProperty().get() != r.generation) return;
                MethodResult shown = state.results().get(method.id());
                if (shown != null && shown.requestSeq() > result.requestSeq()) return;
                state.results().put(method.id(), result);
            });
        }
    }

    private static boolean isInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException) return true;
        }
        return false;
    }

    /** Bounding box of the pixels that differ between two masks of the same size. */
    static Region changedRegion(Mask a, Mask b) {
        boolean[] x = a.missing(), y = b.missing();
        int w = a.width();
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != y[i]) {
                int px = i % w, py = i / w;
                if (px < x0) x0 = px;
                if (px > x1) x1 = px;
                if (py < y0) y0 = py;
                y1 = py;
            }
        }
        return x1 < 0 ? Region.EMPTY : new Region(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}
