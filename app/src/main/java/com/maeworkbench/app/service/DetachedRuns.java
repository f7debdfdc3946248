package com.maeworkbench.app.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs work on a thread of its own that the caller can walk away from.
 * <p>
 * OpenCV's inpainting is one native call that ignores interrupts ({@code OpenCvInpaint} checks them only
 * between channels, and Telea on a 2048x2048 RGB image with half of it masked took 57 s per channel on this
 * 2-core machine), so a lane interrupted by a newer edit would otherwise sit in the stale call before it could
 * start the new one. Here the caller stops waiting as soon as it is interrupted; the abandoned run is
 * interrupted too, which stops it at its next check, and whatever it returns is dropped. At most {@code limit}
 * runs go on at once, abandoned ones included, so quick successive edits cannot pile up native work.
 */
final class DetachedRuns {

    private final String name;
    private final int limit;
    private final Semaphore permits;
    private final AtomicInteger started = new AtomicInteger();

    DetachedRuns(String name, int limit) {
        this.name = name;
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    /**
     * Returns {@code work}'s result, rethrowing its runtime exceptions and errors as they are; throws
     * {@link InterruptedException} when the caller is interrupted first (waiting for a free run or for the
     * result), leaving the run to finish on its own.
     */
    <T> T call(Supplier<T> work) throws InterruptedException {
        permits.acquire();
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread;
        try {
            thread = new Thread(() -> {
                try {
                    result.complete(work.get());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                } finally {
                    permits.release(); // when the work really ends, not when the caller walked away
                }
            }, name + "-" + started.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY - 1);
            thread.start();
        } catch (Throwable e) { // e.g. OutOfMemoryError: unable to create native thread; the run never started
            permits.release();
            throw e;
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            thread.interrupt();
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error error) throw error;
            throw new IllegalStateException(cause); // work.get() throws no checked exceptions
        }
    }

    /** Runs going on now, abandoned ones included (tests). */
    int running() {
        return limit - permits.availablePermits();
    }
}
