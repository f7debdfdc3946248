package com.maeworkbench.app;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.testfx.util.WaitForAsyncUtils;

/** The UI tests' ways to look at the app: run a call on the FX thread, or poll a condition there until it holds. */
final class FxWait {
    /** Long enough for a first MAE run on a loaded 2-core machine; only a failing test waits this long. */
    static final long TIMEOUT_S = 120;

    private FxWait() {
    }

    static <T> T fx(Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }

    /** Starts an action on the FX thread and waits for the outcome it promises (open, export, save). */
    static <T> T run(Callable<? extends Future<T>> action) throws Exception {
        return fx(action).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!fx(condition)) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }
}
