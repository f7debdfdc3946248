package com.maeworkbench.app.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Timing of live updates: per method, the time from the mask edit that ended a stroke to the panel showing
 * its result (and, with far more samples, from any edit, drag steps included), and the longest handler our
 * code ran on the FX thread. First restores of a newly opened image are not edits and are not counted; nor
 * is a stroke end whose mask the last drag step had already drawn (its panel was up to date already). With
 * {@code -Dmae.debug=true} each update also prints one line to stderr. Touched only on the FX thread.
 */
public final class PerfLog {

    private final boolean print;
    private final Map<String, List<Double>> toPanel = new TreeMap<>();
    private final Map<String, List<Double>> anyEdit = new TreeMap<>();
    private final List<Double> uncertaintyMillis = new ArrayList<>();
    private int uncertaintyCancelled;
    private double maxFxMillis;
    private String maxFxWhat = "";

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

    /** Records how long one FX-thread handler of ours took. */
    public void fx(String what, long startNanos) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        if (ms > maxFxMillis) {
            maxFxMillis = ms;
            maxFxWhat = what;
        }
        if (print && ms > 16) System.err.printf("[mae-perf] FX thread busy %.1f ms in %s%n", ms, what);
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
        uncertaintyMillis.clear();
        uncertaintyCancelled = 0;
        maxFxMillis = 0;
        maxFxWhat = "";
    }

    /** A multi-line summary for the log and the debug overlay. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (String m : anyEdit.keySet()) {
            List<Double> any = anyEdit.get(m);
            sb.append(String.format("%-10s median stroke end->panel %6.1f ms over %d stroke ends; any edit->panel %6.1f ms over %d%n",
                    m, medianToPanel(m), samples(m), median(any), any.size()));
        }
        if (!uncertaintyMillis.isEmpty() || uncertaintyCancelled > 0) {
            sb.append(String.format("uncertainty map: %d computed, median %.0f ms; %d cancelled by an edit%n",
                    uncertaintyMillis.size(), median(uncertaintyMillis), uncertaintyCancelled));
        }
        sb.append(String.format("longest FX-thread handler: %.1f ms (%s)", maxFxMillis, maxFxWhat));
        return sb.toString();
    }
}
