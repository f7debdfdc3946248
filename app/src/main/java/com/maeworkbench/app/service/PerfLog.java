package com.maeworkbench.app.service;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Timing of live updates: per method, the time from the mask edit that ended a stroke to the panel showing
 * its result (and, with far more samples, from any edit, drag steps included), and the longest handler our
 * code ran on the FX thread (brush, pan and zoom input, panel updates, copies of rendered pixels). First
 * restores of a newly opened image are not edits and are not counted; nor is a stroke end whose mask the last
 * drag step had already drawn (its panel was up to date already). Also the time from asking to open an image to
 * its first pixels on screen, and how soon a stale run stopped after a newer edit interrupted it. With
 * {@code -Dmae.debug=true} each of these also prints one line to stderr. Touched only on the FX thread.
 */
public final class PerfLog {

    private final boolean print;
    private final Map<String, List<Double>> toPanel = new TreeMap<>();
    private final Map<String, List<Double>> anyEdit = new TreeMap<>();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private double maxFxMillis, maxFxCpuMillis;
    private String maxFxWhat = "", maxFxCpuWhat = "";
    private final List<Double> uncertaintyMillis = new ArrayList<>();
    private int uncertaintyCancelled;
    private final List<Double> staleStops = new ArrayList<>();
    private long openingNanos;
    private String opening;
    private double firstPixelsMillis = Double.NaN;

    public PerfLog(boolean print) {
        this.print = print;
    }

    /** One panel update: the method's own time and the edit-to-pixels latency. */
    public void update(String method, double restoreMillis, boolean update, double editToPanelMillis, boolean gestureEnd) {
        if (update) {
            anyEdit.computeIfAbsent(method, k -> new ArrayList<>()).add(editToPanelMillis);
            if (gestureEnd) toPanel.computeIfAbsent(method, k -> new ArrayList<>()).add(editToPanelMillis);
        }
        if (print) {
            System.err.printf("[mae-perf] %-10s restore %7.1f ms (%s) edit->panel %7.1f ms%s%n",
                    method, restoreMillis, update ? "update" : "full", editToPanelMillis, gestureEnd ? " [gesture end]" : "");
        }
    }

    /** One uncertainty map computed (in the background, after the panels settled). */
    public void uncertainty(double millis, int passes) {
        uncertaintyMillis.add(millis);
        if (print) System.err.printf("[mae-perf] uncertainty %7.1f ms (%d MAE passes)%n", millis, passes);
    }

    /** One uncertainty map interrupted by an edit while it was computing. */
    public void uncertaintyCancelled() {
        uncertaintyCancelled++;
        if (print) System.err.println("[mae-perf] uncertainty cancelled by an edit");
    }

    /** Asking to open {@code what} (a file name): the clock for {@link #firstPixels}. */
    public void opening(String what) {
        opening = what;
        openingNanos = System.nanoTime();
    }

    /** The newly opened image's original is on screen. */
    public void firstPixels(int width, int height) {
        if (opening == null) return;
        firstPixelsMillis = (System.nanoTime() - openingNanos) / 1e6;
        if (print) System.err.printf("[mae-perf] open %s (%dx%d) -> first pixels %.0f ms%n", opening, width, height, firstPixelsMillis);
        opening = null;
    }

    /** Milliseconds from the last open asked for to its first pixels on screen, NaN before. */
    public double firstPixelsMillis() {
        return firstPixelsMillis;
    }

    /** A run made stale by a newer edit stopped {@code millis} after it was interrupted. */
    public void staleRunStopped(String method, double millis) {
        staleStops.add(millis);
        if (print) System.err.printf("[mae-perf] %-10s stale run stopped %.1f ms after the newer edit%n", method, millis);
    }

    /** Progress of a long run as shown (debug output only). */
    public void progress(String method, double done, boolean pixels, double sinceEditMillis) {
        if (print) System.err.printf("[mae-perf] %-10s %5.1f%%%s at %.0f ms%n", method, 100 * done, pixels ? " (pixels)" : "", sinceEditMillis);
    }

    /** When a handler started: wall clock and the FX thread's CPU time, so a loaded machine can be told apart from work. */
    public record Mark(long wallNanos, long cpuNanos) {
    }

    /** Marks the start of a handler on the calling (FX) thread. */
    public static Mark mark() {
        return new Mark(System.nanoTime(), THREADS.getCurrentThreadCpuTime());
    }

    /** Records how long one FX-thread handler of ours took, on the wall clock and in the thread's CPU time. */
    public void fx(String what, Mark start) {
        double ms = (System.nanoTime() - start.wallNanos) / 1e6;
        double cpu = (THREADS.getCurrentThreadCpuTime() - start.cpuNanos) / 1e6;
        if (ms > maxFxMillis) {
            maxFxMillis = ms;
            maxFxWhat = what;
        }
        if (cpu > maxFxCpuMillis) {
            maxFxCpuMillis = cpu;
            maxFxCpuWhat = what;
        }
        if (print && ms > 16) System.err.printf("[mae-perf] FX thread busy %.1f ms (%.1f ms of CPU) in %s%n", ms, cpu, what);
    }

    /** Median edit-to-panel latency of stroke ends for a method, NaN when none recorded. */
    public double medianToPanel(String method) {
        return median(toPanel.get(method));
    }

    private static double median(List<Double> v) {
        if (v == null || v.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    public int samples(String method) {
        List<Double> v = toPanel.get(method);
        return v == null ? 0 : v.size();
    }

    public double maxFxMillis() {
        return maxFxMillis;
    }

    public String maxFxWhat() {
        return maxFxWhat;
    }

    public void reset() {
        toPanel.clear();
        anyEdit.clear();
        staleStops.clear();
        uncertaintyMillis.clear();
        uncertaintyCancelled = 0;
        maxFxMillis = 0;
        maxFxWhat = "";
        maxFxCpuMillis = 0;
        maxFxCpuWhat = "";
    }

    /** A multi-line summary for the log and the debug overlay. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        if (!Double.isNaN(firstPixelsMillis)) sb.append(String.format("open -> first pixels on screen %.0f ms%n", firstPixelsMillis));
        for (String m : anyEdit.keySet()) {
            List<Double> any = anyEdit.get(m);
            sb.append(String.format("%-10s median stroke end->panel %6.1f ms over %d stroke ends; any edit->panel %6.1f ms over %d%n",
                    m, medianToPanel(m), samples(m), median(any), any.size()));
        }
        if (!uncertaintyMillis.isEmpty() || uncertaintyCancelled > 0) {
            sb.append(String.format("uncertainty map: %d computed, median %.0f ms; %d cancelled by an edit%n",
                    uncertaintyMillis.size(), median(uncertaintyMillis), uncertaintyCancelled));
        }
        if (!staleStops.isEmpty()) {
            sb.append(String.format("stale runs stopped %.1f ms (median) after the newer edit, longest %.1f ms, over %d%n",
                    median(staleStops), staleStops.stream().mapToDouble(Double::doubleValue).max().orElse(0), staleStops.size()));
        }
        sb.append(String.format("longest FX-thread handler: %.1f ms (%s); most CPU time in one: %.1f ms (%s)",
                maxFxMillis, maxFxWhat, maxFxCpuMillis, maxFxCpuWhat));
        return sb.toString();
    }
}
