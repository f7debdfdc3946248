package com.maeworkbench.metric;

import com.maeworkbench.method.Methods;
import com.maeworkbench.method.RestorationMethod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Methods ranked by {@link Metrics#psnrMasked()}, best first, each with its gap to the best classical
 * (non-MAE) method: the one ranking the CLI summary, the comparison sheet and the app's panels show.
 * <p>
 * Equal scores share a rank (1, 2, 2, 4); a method without a score (NaN) has rank {@link #UNRANKED}.
 * The ranking is {@link #valid()} only when every result is measured, all on the same mask (the same
 * {@code maskVersion}), and that mask is not flagged by {@link MaskCoverage}; otherwise there is no winner
 * to show and {@link #reason()} says why. Ranks and gaps are still given so a table can be filled, but a
 * UI shows a winner only for a valid ranking.
 *
 * @param entries     one per result, in the order given
 * @param valid       whether a winner may be shown
 * @param reason      why not, one line; null when valid
 * @param maskVersion the mask every result was measured on when valid, else -1
 */
public record Ranking(List<Entry> entries, boolean valid, String reason, long maskVersion) {

    /** Rank of a method without a score. */
    public static final int UNRANKED = 0;

    /**
     * One method's result to rank.
     *
     * @param metrics     null while not measured yet
     * @param maskVersion which mask it was measured on (the app's mask edit number; any constant for one run)
     */
    public record Scored(String methodId, Metrics metrics, long maskVersion) {
        public Scored {
            Objects.requireNonNull(methodId, "methodId");
        }
    }

    /**
     * @param classical          whether the method is a classical one (not the MAE)
     * @param psnrMasked         its score, dB (NaN if none)
     * @param rank               1 = best; {@link #UNRANKED} without a score
     * @param gapToBestClassical {@code psnrMasked} minus the best classical method's, dB: positive = better
     *                           than every classical method; NaN when either is missing
     */
    public record Entry(String methodId, boolean classical, double psnrMasked, int rank, double gapToBestClassical) {
    }

    public Ranking {
        entries = List.copyOf(entries);
    }

    public static Ranking of(List<Scored> results) {
        List<Double> scores = new ArrayList<>();
        for (Scored s : results) scores.add(s.metrics() == null ? Double.NaN : s.metrics().psnrMasked());
        double bestClassical = Double.NaN;
        for (int i = 0; i < results.size(); i++) {
            double v = scores.get(i);
            if (isClassical(results.get(i).methodId()) && !Double.isNaN(v) && (Double.isNaN(bestClassical) || v > bestClassical)) bestClassical = v;
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            double v = scores.get(i);
            int rank = UNRANKED;
            if (!Double.isNaN(v)) {
                rank = 1;
                for (double o : scores) if (o > v) rank++; // NaN compares false: unranked results do not count
            }
            String id = results.get(i).methodId();
            entries.add(new Entry(id, isClassical(id), v, rank, v - bestClassical));
        }
        String reason = invalidity(results);
        return new Ranking(entries, reason == null, reason, reason == null ? results.get(0).maskVersion() : -1);
    }

    /** The classical methods are those of {@link Methods#classical()}; anything else (the MAE, another model) is not. */
    public static boolean isClassical(String methodId) {
        for (RestorationMethod m : Methods.classical()) if (m.id().equals(methodId)) return true;
        return false;
    }

    private static String invalidity(List<Scored> results) {
        if (results.isEmpty()) return "no results";
        for (Scored s : results) if (s.metrics() == null) return s.methodId() + " is not measured yet";
        long version = results.get(0).maskVersion();
        for (Scored s : results) if (s.maskVersion() != version) return "the results are for different masks (some are stale)";
        Metrics first = results.get(0).metrics();
        if (first.flagged()) return first.warning();
        if (results.stream().allMatch(s -> Double.isNaN(s.metrics().psnrMasked()))) return "no method has a score";
        return null;
    }

    /** Whether this ranking may name a winner for the mask the caller shows now. */
    public boolean validFor(long currentMaskVersion) {
        return valid && maskVersion == currentMaskVersion;
    }

    /** The entries best first (unranked last), for tables. */
    public List<Entry> byRank() {
        return entries.stream().sorted(Comparator.comparingInt((Entry e) -> e.rank() == UNRANKED ? Integer.MAX_VALUE : e.rank())).toList();
    }

    /** The entry for a method, or null. */
    public Entry entry(String methodId) {
        for (Entry e : entries) if (e.methodId().equals(methodId)) return e;
        return null;
    }

    /** The id of the best method when the ranking is valid and one method leads alone, else null. */
    public String winner() {
        if (!valid) return null;
        List<Entry> first = entries.stream().filter(e -> e.rank() == 1).toList();
        return first.size() == 1 ? first.get(0).methodId() : null;
    }

    /** The best classical method's id (first of equals), or null when none has a score. */
    public String bestClassical() {
        return entries.stream().filter(e -> e.classical() && !Double.isNaN(e.psnrMasked()))
                .max(Comparator.comparingDouble(Entry::psnrMasked)).map(Entry::methodId).orElse(null);
    }
}
