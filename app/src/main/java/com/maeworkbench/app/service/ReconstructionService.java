package com.maeworkbench.app.service;

import com.maeworkbench.app.state.MaskChange;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.ViewArea;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.method.RestoreMonitor;
import com.maeworkbench.metric.QualityTracker;
import javafx.collections.ListChangeListener;

import java.lang.System.Logger.Level;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs every method of {@link WorkbenchState#methods()} on each mask edit, off the FX thread.
 * <p>
 * Each method has a lane holding at most one pending request: a newer edit replaces it (stale requests
 * are dropped), and an edit that ends a gesture also interrupts work in flight. Lanes take turns on a
 * small shared pool so one slow method cannot starve the others. Each lane remembers the mask of its last
 * result, so the region to recompute is exactly what changed since then, however many edits were dropped.
 * Results reach the state through {@code fx} (Platform::runLater in the app): first the image, then the
 * metrics, which are skipped while a newer request waits.
 * <p>
 * Each run is watched ({@link RestoreMonitor}): methods that restore piece by piece do the part of the image on
 * screen first ({@link WorkbenchState#viewAreaProperty()}), and a run that takes longer than {@link RunWatch#SHOW_AFTER_MS}
 * shows its progress, with the result so far where the method has one, in {@link WorkbenchState#progress()}.
 * Every method checks for interruption as it goes (our Telea and Navier-Stokes every 4096 pixels), so a stale
 * run stops within milliseconds and the next request starts on its thread.
 * <p>
 * A lane survives anything its method throws, errors included (an {@link OutOfMemoryError} on a huge image,
 * a {@link StackOverflowError}, a failure in native code): it publishes a failed result saying why, logs it,
 * and takes the next request from scratch.
 */
public final class ReconstructionService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReconstructionService.class.getName());

    private record Request(long seq, long maskSeq, long generation, FloatImage image, Mask mask, boolean preview, long nanos) {
    }

    final WorkbenchState state;
    private final Executor fx;
    private final ThreadPoolExecutor pool;
    private final ThreadPoolExecutor slow;
    private final ThreadPoolExecutor metrics;
    final ScheduledExecutorService timer; // RunWatch's
    private final AtomicLong taskSeq = new AtomicLong();
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    final PerfLog perf;
    private final boolean afterShown;
    /** The part of the image on screen, for the workers (the state is the FX thread's). */
    volatile Region onScreen;
    private Request held; // FX thread: the newest request of an image whose original is not on screen yet
    volatile boolean closed;
    private long seq;

    /** A service that starts on every edit at once (headless use, tests). */
    public ReconstructionService(WorkbenchState state, Executor fx, int threads) {
        this(state, fx, threads, new PerfLog(false), false);
    }

    /**
     * The app's service: a newly opened image is restored only once its original is on screen
     * ({@link WorkbenchState#imageShownProperty()}), so the methods do not hold up the first pixels; stale runs
     * stopped are logged to {@code perf}.
     */
    public ReconstructionService(WorkbenchState state, Executor fx, int threads, PerfLog perf) {
        this(state, fx, threads, perf, true);
    }

    private ReconstructionService(WorkbenchState state, Executor fx, int threads, PerfLog perf, boolean afterShown) {
        this.state = state;
        this.fx = fx;
        this.perf = perf;
        this.afterShown = afterShown;
        AtomicInteger n = new AtomicInteger();
        // A priority queue: gesture ends before drag previews, then the lane expected to finish soonest, so
        // two cores clear the cheap panels first instead of queueing them behind the expensive ones.
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "restore-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1); // keep the FX thread responsive on 2 cores
            return t;
        });
        // Full-only methods (Telea and Navier-Stokes: their march can carry a value across a whole hole) get
        // their own thread, so they never hold a thread the live methods need.
        this.slow = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "restore-full");
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        this.metrics = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "metrics");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // numbers may lag the pixels, never the other way round
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "restore-progress");
            t.setDaemon(true);
            return t;
        });
        state.methods().addListener((ListChangeListener<RestorationMethod>) c -> rebuildLanes());
        state.maskChangeProperty().addListener((obs, old, change) -> onMaskChange(change));
        state.viewAreaProperty().addListener((obs, old, area) -> onScreen = area == null ? null : area.visible());
        ViewArea area = state.viewAreaProperty().get();
        onScreen = area == null ? null : area.visible();
        state.imageShownProperty().addListener((obs, was, shown) -> {
            if (shown && held != null) submit(held, lanes.values());
        });
        rebuildLanes();
    }

    /**
     * Full-only methods (up to seconds on a big image) start once the live lanes are idle, so on
     * 2 cores a stroke's end does not share the CPU three ways; they wait at most {@link #SLOW_MAX_WAIT_MS}
     * so continuous painting cannot starve them. A newer request that arrives meanwhile simply replaces
     * the pending one.
     */
    private void awaitLiveIdle() {
        long deadline = System.nanoTime() + SLOW_MAX_WAIT_MS * 1_000_000L;
        while (!idle(pool) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static final long SLOW_MAX_WAIT_MS = 3000;

    /**
     * Whether no lane is restoring or measuring and none is queued: background work that must not slow the
     * panels (the uncertainty map) starts only then. A new edit makes it false at once, on the FX thread.
     */
    public boolean idle() {
        return idle(pool) && idle(slow) && idle(metrics);
    }

    private static boolean idle(ThreadPoolExecutor e) {
        return e.getActiveCount() == 0 && e.getQueue().isEmpty();
    }

    /** Keeps the lanes of unchanged methods (and their incremental state); new methods start from scratch. */
    private void rebuildLanes() {
        Map<String, Lane> old = new LinkedHashMap<>(lanes);
        lanes.clear();
        List<Lane> added = new ArrayList<>();
        for (RestorationMethod m : state.methods()) {
            if (!m.availability().available()) continue;
            int order = lanes.size();
            Lane kept = old.get(m.id());
            if (kept != null && kept.method == m) {
                old.remove(m.id());
                lanes.put(m.id(), kept);
            } else {
                Lane lane = new Lane(m, order);
                lanes.put(m.id(), lane);
                added.add(lane);
            }
        }
        old.values().forEach(Lane::cancel);
        // Only the new lanes need the mask shown: a model loaded mid-run must not restart the other methods' runs.
        if (state.getImage() != null && !added.isEmpty()) submit(request(false), added);
    }

    private void onMaskChange(MaskChange change) {
        if (state.getImage() == null || change == null) return;
        submit(request(change.preview()), lanes.values());
    }

    /** The current image and a copy of the mask, made on the FX thread: the brush keeps painting into the live mask. */
    private Request request(boolean preview) {
        return new Request(++seq, state.maskSeq(), state.imageGenerationProperty().get(), state.getImage(), state.getMask().copy(), preview, System.nanoTime());
    }

    private void submit(Request r, Collection<Lane> to) {
        if (afterShown && !state.imageShownProperty().get()) {
            held = r; // the newest waits for the original on screen, then goes to every lane (they diff against their last mask)
            return;
        }
        held = null;
        for (Lane lane : to) lane.submit(r);
    }

    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(Lane::cancel);
        pool.shutdownNow();
        slow.shutdownNow();
        metrics.shutdownNow();
        timer.shutdownNow();
    }

    /** Hands {@code r} to the FX thread; once the service is closed, a refusal (the toolkit gone) is no one's concern. */
    void toFx(Runnable r) {
        try {
            fx.execute(r);
        } catch (RuntimeException e) {
            if (!closed) throw e;
        }
    }

    /** A lane's turn on the pool, ordered by urgency, then shortest expected job, then panel order. */
    private record Turn(Lane lane, boolean urgent, double cost, int order, long seq) implements Runnable, Comparable<Turn> {
        @Override
        public void run() {
            lane.runOne();
        }

        @Override
        public int compareTo(Turn o) {
            if (urgent != o.urgent) return urgent ? -1 : 1;
            if (cost != o.cost) return Double.compare(cost, o.cost);
            if (order != o.order) return Integer.compare(order, o.order);
            return Long.compare(seq, o.seq);
        }
    }

    private final class Lane {
        private final RestorationMethod method;
        private final boolean live;
        private final int order;
        // Smoothed duration of this lane's recent edit updates: its place in the pool's queue.
        private volatile double expectedMillis;
        private final AtomicReference<Runnable> pendingMetrics = new AtomicReference<>();
        // Metrics-thread-confined: redoes SSIM only where this method's result changed since the last numbers.
        private QualityTracker quality = new QualityTracker();
        private final AtomicReference<Request> pending = new AtomicReference<>();
        private boolean scheduled;        // guarded by this
        private Thread worker;            // guarded by this; set while computing
        private Request current;          // guarded by this
        private long interruptedAt;       // guarded by this: when a newer edit interrupted the run in flight, 0 if none
        private volatile boolean cancelled;
        // Worker-confined: the request and output behind the last published result.
        private long lastGeneration = -1;
        private Mask lastMask;
        private FloatImage lastResult;
        private MethodResult lastPublished;

        Lane(RestorationMethod method, int order) {
            this.method = method;
            this.live = method.interactive();
            this.order = order;
        }

        void submit(Request r) {
            if (r.preview && !live) return; // full-only methods wait for the gesture to end
            pending.set(r);
            synchronized (this) {
                boolean stale = current != null && (!r.preview || current.generation != r.generation);
                if (stale && worker != null && interruptedAt == 0) {
                    worker.interrupt();
                    interruptedAt = System.nanoTime();
                }
                if (scheduled) return;
                scheduled = true;
            }
            schedule();
        }

        private void schedule() {
            Request next = pending.get();
            try {
                (live ? pool : slow).execute(new Turn(this, next != null && !next.preview, expectedMillis, order, taskSeq.incrementAndGet()));
            } catch (RejectedExecutionException e) {
                if (!closed) throw e; // the queues are unbounded: only a closed service refuses
                synchronized (this) {
                    scheduled = false;
                }
            }
        }

        void cancel() {
            cancelled = true;
            pending.set(null);
            synchronized (this) {
                if (worker != null) worker.interrupt();
            }
        }

        private void runOne() {
            try {
                if (!live) awaitLiveIdle();
                Request r = pending.getAndSet(null);
                if (r != null && !cancelled) run(r);
            } finally {
                // Whatever happened above, the lane takes its next request or can be scheduled again.
                boolean again;
                synchronized (this) {
                    again = pending.get() != null && !cancelled;
                    if (!again) scheduled = false;
                }
                if (again) schedule(); // back in the queue: other lanes get their turn
            }
        }

        private void run(Request r) {
            synchronized (this) {
                worker = Thread.currentThread();
                current = r;
            }
            try {
                compute(r);
            } finally {
                long stopped;
                synchronized (this) {
                    worker = null;
                    current = null;
                    stopped = interruptedAt;
                    interruptedAt = 0;
                    Thread.interrupted(); // an interrupt aimed at the finished request must not hit the next
                }
                if (stopped != 0) {
                    double ms = (System.nanoTime() - stopped) / 1e6;
                    toFx(() -> perf.staleRunStopped(method.id(), ms));
                }
            }
        }

        private void compute(Request r) {
            boolean sameImage = r.generation == lastGeneration && lastResult != null;
            Region dirty = sameImage ? changedRegion(lastMask, r.mask) : new Region(0, 0, r.image.width(), r.image.height());
            if (sameImage && dirty.isEmpty()) {
                // The last drag step already drew this mask; a gesture end still owes its numbers.
                if (!r.preview && lastPublished != null) measureLater(r, lastPublished.answering(r.seq, r.maskSeq));
                return;
            }
            inFlight.incrementAndGet();
            RunWatch watch = new RunWatch(ReconstructionService.this, method.id(), r.seq, r.nanos, () -> cancelled);
            try {
                toFx(() -> state.busyProperty().set(inFlight.get()));
                long t0 = System.nanoTime();
                FloatImage out = method.restore(r.image, r.mask, sameImage ? dirty : null, sameImage ? lastResult : null, watch);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (Thread.currentThread().isInterrupted() || cancelled) return;
                if (sameImage) expectedMillis = expectedMillis == 0 ? ms : 0.7 * expectedMillis + 0.3 * ms;
                lastGeneration = r.generation;
                lastMask = r.mask;
                lastResult = out;
                MethodResult result = new MethodResult(method.id(), out, null, ms, sameImage, null, r.seq, r.maskSeq, r.nanos, r.preview);
                publish(r, result);
                lastPublished = result;
                if (!r.preview) measureLater(r, result);
            } catch (Throwable e) { // errors too: a lane must never die, whatever its method does
                if (cancelled || Thread.currentThread().isInterrupted() || isInterruption(e)) return;
                lastResult = null; // the next request starts from scratch
                lastPublished = null;
                String why = Failures.reason(e);
                LOG.log(Level.ERROR, method.id() + " failed on a " + r.image.width() + "x" + r.image.height() + " image: " + why, e);
                publish(r, MethodResult.failed(method.id(), why, r.seq, r.maskSeq));
            } finally {
                watch.end();
                inFlight.decrementAndGet();
                toFx(() -> state.busyProperty().set(inFlight.get()));
            }
        }

        /**
         * Metrics on their own low-priority thread, newest result only: SSIM must not hold up the pixels of
         * other methods, and numbers for an edit already superseded are not worth computing.
         */
        private void measureLater(Request r, MethodResult result) {
            Runnable job = () -> {
                if (cancelled || pending.get() != null) return;
                try {
                    publish(r, result.withMetrics(quality.measure(r.image, result.image(), r.mask, result.restoreMillis())));
                } catch (Throwable e) { // the panel keeps its pixels without numbers; the next result is measured afresh
                    quality = new QualityTracker();
                    LOG.log(Level.ERROR, "metrics of " + method.id() + " failed: " + Failures.reason(e), e);
                }
            };
            if (pendingMetrics.getAndSet(job) == null) {
                try {
                    metrics.execute(() -> {
                        Runnable j = pendingMetrics.getAndSet(null);
                        if (j != null) j.run();
                    });
                } catch (RejectedExecutionException e) {
                    if (!closed) throw e;
                }
            }
        }

        private void publish(Request r, MethodResult result) {
            toFx(() -> {
                if (cancelled || state.imageGenerationProperty().get() != r.generation) return;
                MethodResult shown = state.results().get(method.id());
                if (shown != null && shown.requestSeq() > result.requestSeq()) return;
                state.results().put(method.id(), result);
            });
        }
    }

    private static boolean isInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException || t instanceof CancellationException) return true;
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
