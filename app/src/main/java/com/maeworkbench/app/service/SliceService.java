package com.maeworkbench.app.service;

import com.maeworkbench.app.Notifier;
import com.maeworkbench.app.state.SliceStack;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Moves through the slices of a DICOM stack (slider, Page Up/Down, Home/End). Slices are decoded off the FX
 * thread; while the user scrubs the newest request wins (a slice asked for and already passed is never decoded
 * or shown); decoded slices stay in a cache bounded in bytes, and the next ones in the direction of travel are
 * decoded ahead while the user looks. A slice that arrives mid-stroke waits for the stroke to end, so the mask
 * under the brush never changes. Methods are called on the FX thread.
 */
public final class SliceService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SliceService.class.getName());
    /** Decoded slices kept: 256 MiB, or an eighth of the heap when that is less. */
    public static final long CACHE_BYTES = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
    /** Slices decoded ahead in the direction of travel, and behind it. */
    static final int AHEAD = 3, BEHIND = 1;

    /** Decodes one slice; the core's by default, a slow or failing one in tests. */
    interface Decoder {
        FloatImage decode(SliceStack stack, int index) throws ImageFileException;
    }

    private record Job(SliceStack stack, int index, int direction) {
    }

    private final WorkbenchState state;
    private final Notifier notifier;
    private final Executor fx;
    private final BooleanSupplier stroking;
    private final Decoder decoder;
    private final Cache cache;
    private final AtomicReference<Job> pending = new AtomicReference<>();
    private final AtomicReference<Job> ahead = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "slice-io");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });
    private Job deferred;          // FX thread: decoded while a stroke was on
    private FloatImage deferredImage;
    private volatile boolean closed;

    /** {@code stroking} says whether a brush stroke is going on (slices then wait for its end). */
    public SliceService(WorkbenchState state, Notifier notifier, Executor fx, BooleanSupplier stroking) {
        this(state, notifier, fx, stroking, CACHE_BYTES, (stack, i) -> stack.slice(i).image().frame(stack.slice(i).frame()));
    }

    SliceService(WorkbenchState state, Notifier notifier, Executor fx, BooleanSupplier stroking, long cacheBytes, Decoder decoder) {
        this.state = state;
        this.notifier = notifier;
        this.fx = fx;
        this.stroking = stroking;
        this.decoder = decoder;
        this.cache = new Cache(cacheBytes);
        // The slice shown is cached too (the first one is decoded by the image service); a new stack starts afresh.
        state.imageProperty().addListener((o, a, img) -> {
            SliceStack stack = state.getSliceStack();
            cache.adopt(stack);
            if (stack != null && img != null) cache.put(stack, state.sliceIndexProperty().get(), img);
            if (stack != null && deferred != null && deferred.stack != stack) deferred = null;
        });
        state.maskChangeProperty().addListener((o, a, change) -> {
            if (deferred != null && !stroking.getAsBoolean()) {
                Job job = deferred;
                FloatImage img = deferredImage;
                deferred = null;
                toFx(() -> apply(job, img)); // after every listener has seen the stroke's end
            }
        });
    }

    /** Shows slice {@code index} (clamped to the stack) once decoded; nothing without a stack. */
    public void show(int index) {
        SliceStack stack = state.getSliceStack();
        if (stack == null || closed) return;
        int to = Math.max(0, Math.min(stack.size() - 1, index));
        int from = state.wantedSliceProperty().get();
        state.wantedSliceProperty().set(to);
        Job job = new Job(stack, to, Integer.signum(to - from));
        cache.focus(job.index - (job.direction < 0 ? AHEAD : BEHIND), job.index + (job.direction < 0 ? BEHIND : AHEAD));
        if (to == state.sliceIndexProperty().get() && deferred == null) {
            pending.set(null); // back where it started: whatever was on its way is passed
            return;
        }
        FloatImage cached = cache.get(stack, to);
        if (cached != null) {
            pending.set(null);
            apply(job, cached);
            ahead.set(job);
        } else {
            pending.set(job);
        }
        schedule();
    }

    /** Moves {@code delta} slices from the one asked for last. */
    public void step(int delta) {
        show(state.wantedSliceProperty().get() + delta);
    }

    private void schedule() {
        if (scheduled.getAndSet(true)) return;
        try {
            io.execute(this::drain);
        } catch (RejectedExecutionException e) {
            scheduled.set(false); // closed
        }
    }

    /** The io thread: the newest request, then the slices ahead of it while no newer request waits. */
    private void drain() {
        try {
            for (Job job = pending.getAndSet(null); job != null; job = pending.getAndSet(null)) {
                FloatImage img = cache.get(job.stack, job.index);
                if (img == null) {
                    try {
                        img = decoder.decode(job.stack, job.index);
                    } catch (Throwable e) { // errors too: the io thread must stay
                        failed(job, e);
                        continue;
                    }
                    cache.put(job.stack, job.index, img);
                }
                Job shown = job;
                FloatImage decoded = img;
                toFx(() -> apply(shown, decoded));
                ahead.set(job);
            }
            Job around = ahead.getAndSet(null);
            if (around != null) decodeAround(around);
        } finally {
            scheduled.set(false);
            if (!closed && (pending.get() != null || ahead.get() != null)) schedule();
        }
    }

    /** Decodes the next slices in the direction of travel (and one behind) as far as the cache holds them. */
    private void decodeAround(Job job) {
        int step = job.direction == 0 ? 1 : job.direction;
        int[] offsets = new int[AHEAD + BEHIND];
        for (int i = 0; i < AHEAD; i++) offsets[i] = step * (i + 1);
        for (int i = 0; i < BEHIND; i++) offsets[AHEAD + i] = -step * (i + 1);
        for (int k = 0; k < offsets.length && k < cache.room(job.stack) - 1; k++) {
            if (pending.get() != null || closed) return; // the user moved on: that comes first
            int index = job.index + offsets[k];
            if (index < 0 || index >= job.stack.size() || cache.has(job.stack, index)) continue;
            try {
                cache.put(job.stack, index, decoder.decode(job.stack, index));
            } catch (Throwable e) {
                return; // said when the user asks for that slice
            }
        }
    }

    private void apply(Job job, FloatImage img) {
        if (closed || state.getSliceStack() != job.stack || state.wantedSliceProperty().get() != job.index) return; // passed
        if (state.sliceIndexProperty().get() == job.index && state.getImage() == img) return;
        if (stroking.getAsBoolean()) {
            deferred = job;
            deferredImage = img;
            return;
        }
        state.showSlice(job.index, img);
    }

    private void failed(Job job, Throwable e) {
        String cause = e instanceof ImageFileException ? e.getMessage() : job.stack.file(job.index).getFileName() + ": " + Failures.reason(e);
        if (!(e instanceof ImageFileException)) LOG.log(Level.ERROR, "decoding slice " + job.index + " failed", e);
        toFx(() -> {
            if (state.getSliceStack() != job.stack) return;
            notifier.error("Cannot show slice " + (job.index + 1), cause);
            if (state.wantedSliceProperty().get() == job.index) state.wantedSliceProperty().set(state.sliceIndexProperty().get());
        });
    }

    private void toFx(Runnable r) {
        try {
            fx.execute(r);
        } catch (RuntimeException e) {
            if (!closed) throw e;
        }
    }

    /** How many slices are cached now (tests). */
    int cachedSlices() {
        return cache.size();
    }

    /** Whether slice {@code index} of the open stack is cached (tests). */
    boolean isCached(SliceStack stack, int index) {
        return cache.has(stack, index);
    }

    @Override
    public void close() {
        closed = true;
        io.shutdownNow();
    }

    /**
     * Decoded slices of one stack within a byte budget: slices outside the focus (the slice asked for and those
     * around it in the direction of travel) go first, least recently used first. Any thread.
     */
    private static final class Cache {
        private final long capacity;
        private final LinkedHashMap<Integer, FloatImage> slices = new LinkedHashMap<>(16, 0.75f, true);
        private SliceStack stack;
        private long bytes;
        private int focusLow, focusHigh = -1;

        Cache(long capacity) {
            this.capacity = capacity;
        }

        synchronized void adopt(SliceStack s) {
            if (s == stack) return;
            stack = s;
            slices.clear();
            bytes = 0;
            focusLow = 0;
            focusHigh = -1;
        }

        synchronized void focus(int low, int high) {
            focusLow = low;
            focusHigh = high;
        }

        synchronized FloatImage get(SliceStack s, int index) {
            return s == stack ? slices.get(index) : null;
        }

        /** Whether it is cached; unlike {@link #get}, not a use. */
        synchronized boolean has(SliceStack s, int index) {
            return s == stack && slices.containsKey(index);
        }

        synchronized void put(SliceStack s, int index, FloatImage img) {
            if (s != stack) return;
            FloatImage old = slices.put(index, img);
            if (old != null) bytes -= size(old);
            bytes += size(img);
            while (bytes > capacity && slices.size() > 1) bytes -= size(slices.remove(victim(index)));
        }

        /** The least recently used slice outside the focus, else the least recently used one; never {@code keep}. */
        private int victim(int keep) {
            Integer any = null;
            for (int k : slices.keySet()) {
                if (k == keep) continue;
                if (k < focusLow || k > focusHigh) return k;
                if (any == null) any = k;
            }
            return any;
        }

        /** How many slices of the size of those cached fit. */
        synchronized int room(SliceStack s) {
            if (s != stack || slices.isEmpty()) return 1;
            return (int) Math.max(1, capacity / size(slices.values().iterator().next()));
        }

        synchronized int size() {
            return slices.size();
        }

        private static long size(FloatImage img) {
            return (long) img.pixels() * img.channels() * Float.BYTES;
        }
    }
}
