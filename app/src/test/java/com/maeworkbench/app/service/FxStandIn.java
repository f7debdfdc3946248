package com.maeworkbench.app.service;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One thread standing in for the FX thread, so services run headless without the JavaFX toolkit: the state
 * is touched only here, as in the app. Closing it drains what was queued.
 */
final class FxStandIn implements Executor, AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fx-stand-in");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void execute(Runnable command) {
        thread.execute(command);
    }

    /** Runs {@code c} on the stand-in thread and waits for its value. */
    <T> T call(Callable<T> c) throws InterruptedException, ExecutionException, TimeoutException {
        return thread.submit(c).get(30, TimeUnit.SECONDS);
    }

    void run(Runnable r) throws InterruptedException, ExecutionException, TimeoutException {
        call(() -> {
            r.run();
            return null;
        });
    }

    /** Polls {@code condition} on the stand-in thread until it holds; fails naming {@code what} after {@code seconds}. */
    void await(String what, long seconds, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!call(condition::getAsBoolean)) {
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(30, TimeUnit.SECONDS)) throw new AssertionError("fx stand-in did not drain");
    }
}
