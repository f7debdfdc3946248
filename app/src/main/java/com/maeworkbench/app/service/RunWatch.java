package com.maeworkbench.app.service;

import com.maeworkbench.app.state.MethodProgress;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Region;
import com.maeworkbench.method.RestoreMonitor;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches one run of a {@link ReconstructionService} lane: the focus is the part of the image on screen; progress
 * reaches the state once the run has taken {@link #SHOW_AFTER_MS} (a method that reports none then shows an unknown
 * share), at most every {@link #PROGRESS_EVERY_MS}, its pixels at most every {@link #PARTIAL_EVERY_MS}, and is taken
 * away when the run ends, however it ends.
 */
final class RunWatch implements RestoreMonitor {

    /** A run shows its progress once it has taken this long: quick live updates never flash a bar. */
    static final long SHOW_AFTER_MS = 300;
    /** Progress reaches the state at most this often per run, the result so far at most every {@link #PARTIAL_EVERY_MS}. */
    static final long PROGRESS_EVERY_MS = 100, PARTIAL_EVERY_MS = 500;

    private final ReconstructionService service;
    private final String methodId;
    private final long requestSeq, requestNanos;
    private final BooleanSupplier cancelled;
    private final long start = System.nanoTime();
    private final ScheduledFuture<?> silent;
    private volatile boolean ended;
    private volatile boolean reported;
    private long lastPost, lastPixels; // restoring thread

    RunWatch(ReconstructionService service, String methodId, long requestSeq, long requestNanos, BooleanSupplier cancelled) {
        this.service = service;
        this.methodId = methodId;
        this.requestSeq = requestSeq;
        this.requestNanos = requestNanos;
        this.cancelled = cancelled;
        ScheduledFuture<?> f = null;
        try {
            f = service.timer.schedule(() -> {
                if (!reported) post(Double.NaN, null);
            }, SHOW_AFTER_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            if (!service.closed) throw e;
        }
        silent = f;
    }

    @Override
    public Region focus() {
        return service.onScreen;
    }

    @Override
    public void progress(double done, FloatImage partial) {
        reported = true; // a method that says how far it got never shows an unknown share
        long now = System.nanoTime();
        if (now - start < SHOW_AFTER_MS * 1_000_000L || now - lastPost < PROGRESS_EVERY_MS * 1_000_000L) return;
        lastPost = now;
        boolean pixels = partial != null && now - lastPixels >= PARTIAL_EVERY_MS * 1_000_000L;
        if (pixels) lastPixels = now;
        post(done, pixels ? partial : null);
    }

    private void post(double done, FloatImage partial) {
        MethodProgress p = new MethodProgress(methodId, done, partial, requestSeq);
        double sinceEdit = (System.nanoTime() - requestNanos) / 1e6;
        service.toFx(() -> {
            if (ended || cancelled.getAsBoolean()) return;
            service.state.progress().put(methodId, p);
            service.perf.progress(methodId, done, partial != null, sinceEdit);
        });
    }

    /** The run ended, however: its progress goes (unless a newer run of the method shows its own). */
    void end() {
        ended = true;
        if (silent != null) silent.cancel(false);
        service.toFx(() -> {
            MethodProgress shown = service.state.progress().get(methodId);
            if (shown != null && shown.requestSeq() == requestSeq) service.state.progress().remove(methodId);
        });
    }
}
