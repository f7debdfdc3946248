package com.maeworkbench.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * A progress bar (me.tongfei:progressbar) on standard error while a command works through its steps, shown only
 * when the program runs on a terminal: redirected or piped output stays free of it.
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private boolean closed;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * A bar when standard input and output are a terminal (Java's console test), else one that shows nothing.
     * {@code clearWhenDone}: the bar disappears at the end instead of staying as a summary line.
     */
    static Progress start(String task, long steps, boolean clearWhenDone) {
        return start(System.console() != null ? System.err : null, task, steps, clearWhenDone);
    }

    /** A bar drawn on {@code terminal}, or one that shows nothing when it is null. */
    static Progress start(PrintStream terminal, String task, long steps, boolean clearWhenDone) {
        if (terminal == null) return new Progress(null);
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(terminal)).setUpdateIntervalMillis(250).continuousUpdate();
        return new Progress((clearWhenDone ? builder.clearDisplayOnFinish() : builder).build());
    }

    /** Whether a bar is shown (so per-step lines on standard output would only garble it). */
    boolean shown() {
        return bar != null;
    }

    /** Names what runs now, e.g. {@code mae on scan.png}. */
    void working(String what) {
        if (bar != null) bar.setExtraMessage(what);
    }

    void step() {
        if (bar != null) bar.step();
    }

    @Override
    public void close() {
        if (bar != null && !closed) bar.close();
        closed = true;
    }
}
