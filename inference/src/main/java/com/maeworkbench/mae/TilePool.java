package com.maeworkbench.mae;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs model tiles side by side: the calling thread and {@code parallelism - 1} helper threads each take the
 * next tile, one ONNX Runtime run per thread at a time. A 64 px tile is too small to split well inside one run
 * (intra-op threads), but whole tiles scale with the cores. Cancelling the calling thread stops the helpers
 * after their current tile.
 */
final class TilePool implements AutoCloseable {

    private final int parallelism;
    private final ExecutorService helpers;

    TilePool(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
        AtomicInteger count = new AtomicInteger();
        this.helpers = this.parallelism == 1 ? null : Executors.newFixedThreadPool(this.parallelism - 1, r -> {
            Thread t = new Thread(r, "mae-tiles-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    int parallelism() {
        return parallelism;
    }

    /**
     * Calls {@code job} for every index in {@code [0, n)}, spread over the pool; returns when all are done.
     * Rethrows a job's exception; throws {@link CancellationException} when the calling thread is interrupted.
     */
    void forEach(int n, IntConsumer job) {
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Runnable worker = () -> {
            for (int k; !stop.get() && (k = next.getAndIncrement()) < n; ) job.accept(k);
        };
        List<Future<?>> started = new ArrayList<>();
        try {
            for (int i = 1; i < Math.min(parallelism, n); i++) started.add(helpers.submit(worker));
        } catch (RejectedExecutionException e) {
            // closed: the caller runs the tiles alone, and the closed model says so
        }
        RuntimeException failure = null;
        try {
            for (int k; (k = next.getAndIncrement()) < n; ) {
                if (Thread.interrupted()) throw new CancellationException("MAE restore cancelled");
                job.accept(k);
            }
        } catch (RuntimeException e) {
            failure = e;
            stop.set(true);
        }
        boolean interrupted = false;
        for (Future<?> f : started) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // helpers finish their current tile; then report the cancellation
                    stop.set(true);
                } catch (ExecutionException e) {
                    stop.set(true);
                    if (failure == null) failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    break;
                }
            }
        }
        if (failure != null) throw failure;
        if (interrupted) throw new CancellationException("MAE restore cancelled");
    }

    @Override
    public void close() {
        if (helpers != null) helpers.shutdownNow();
    }
}
