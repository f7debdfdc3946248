package com.maeworkbench.app.view;

import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.MethodTiming;
import com.maeworkbench.app.state.UncertaintyResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.metric.MaskCoverage;
import com.maeworkbench.metric.Metrics;
import com.maeworkbench.metric.Ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a panel's header says, derived from the state: short facts that wrap as whole units (never cut in
 * the middle of a number), a badge (rank or "stale"), and a note that wraps freely (a failure's cause).
 */
record PanelFacts(String badge, String badgeTip, List<String> facts, String note, boolean stale, boolean failed) {

    static final String RANK_TIP = "Rank by PSNR inside the mask (peak = the original's dynamic range) among the "
            + "methods, and the gap in dB to the best classical method (+ = better). Given only when every panel has "
            + "numbers for the current mask; the highlighted panel ranks first.";
    static final String STALE_TIP = "These numbers belong to an earlier mask; the new ones follow when the method "
            + "finishes. No ranking is shown meanwhile.";

    /** The widest a method's facts get (digits are equally wide), for headers that keep their height. */
    static final List<String> WIDEST_FACTS = List.of("in mask: PSNR 00.00 dB · SSIM 0.000", "+00.00 dB vs best classical",
            "full run 0000 ms", "last update 0000 ms");
    static final String WIDEST_BADGE = "#0 of 0";

    static final String UNCERTAINTY_STALE_TIP = "This map belongs to an earlier mask; the new one is computed once the "
            + "MAE panel has settled and the other panels are done.";

    /** {@code names} gives a panel id's human name. */
    static PanelFacts of(WorkbenchState state, String id, Function<String, String> names) {
        return of(state, id, names, true);
    }

    /** As {@link #of(WorkbenchState, String, Function)}; without the methods' run times when {@code timings} is false. */
    static PanelFacts of(WorkbenchState state, String id, Function<String, String> names, boolean timings) {
        FloatImage img = state.getImage();
        if (img == null) return text();
        if (WorkbenchState.ORIGINAL.equals(id)) {
            return text(img.width() + "×" + img.height(), img.bitDepth() + "-bit" + (img.channels() == 3 ? " RGB" : " gray"));
        }
        if (WorkbenchState.MASKED.equals(id)) {
            if (state.getMask() == null) return text();
            MaskCoverage coverage = MaskCoverage.of(state.getMask());
            List<String> facts = List.of(String.format("mask %.1f%% of pixels", 100 * coverage.maskedFraction()));
            // The core's rule for masks whose numbers mean nothing; no method is ranked on them.
            return new PanelFacts(null, null, facts, coverage.warning(), false, coverage.flagged());
        }
        if (ImagePanel.SPLIT.equals(id)) {
            return text("A (left): " + names.apply(state.splitAProperty().get()), "B (right): " + names.apply(state.splitBProperty().get()));
        }
        if (WorkbenchState.UNCERTAINTY.equals(id)) return uncertainty(state, img);
        return method(state, id, names, timings);
    }

    /**
     * Whether the map is calibrated (else why not), the MAE's predicted RMS error in the mask in the image's units
     * (only when calibrated: the raw spread ranks pixels but is no error estimate), and the map's own cost.
     */
    private static PanelFacts uncertainty(WorkbenchState state, FloatImage img) {
        UncertaintyResult u = state.uncertaintyProperty().get();
        String activity = state.uncertaintyActivityProperty().get();
        if (u == null) return text(activity == null ? "waiting for the MAE…" : activity);
        boolean current = u.maskSeq() == state.maskSeq();
        if (u.error() != null) return new PanelFacts(current ? null : "stale", null, List.of("failed"), u.error(), !current, true);
        List<String> facts = new ArrayList<>();
        boolean calibrated = u.map().calibrated();
        facts.add(calibrated ? "calibrated" : "uncalibrated");
        if (calibrated && !Double.isNaN(u.rmsInMask())) facts.add("predicted error in mask: RMS " + Format.amount(img, u.rmsInMask()));
        facts.add(String.format("computed in %.1f s, %d MAE passes", u.map().millis() / 1000, u.map().passes()));
        if (!current && activity != null) facts.add(activity);
        return new PanelFacts(current ? null : "stale", current ? null : UNCERTAINTY_STALE_TIP, facts,
                calibrated ? null : u.calibrationNote(), !current, false);
    }

    private static PanelFacts method(WorkbenchState state, String id, Function<String, String> names, boolean timings) {
        MethodResult r = state.results().get(id);
        MethodResult shown = state.measured().get(id);
        if (r == null && shown == null) {
            String modelError = state.modelErrorProperty().get();
            if ("mae".equals(id) && modelError != null) {
                return new PanelFacts(null, null, List.of("no model"), "Model ▸ Choose model… (" + modelError + ")", false, true);
            }
            return text("computing…");
        }
        boolean current = state.isCurrent(r);
        if (current && r.error() != null) return new PanelFacts(null, null, List.of("failed"), r.error(), false, true);
        List<String> facts = new ArrayList<>();
        if (shown != null) {
            Metrics m = shown.metrics();
            facts.add("in mask: PSNR " + Format.psnr(m.psnrMasked()) + " · SSIM " + Format.ssim(m.ssim()));
        } else {
            facts.add("measuring…");
        }
        Ranking ranking = state.rankingProperty().get();
        Ranking.Entry entry = state.comparableProperty().get() ? ranking.entry(id) : null;
        String badge = current ? null : "stale", tip = current ? null : STALE_TIP;
        if (entry != null && entry.rank() != Ranking.UNRANKED) {
            long ranked = ranking.entries().stream().filter(e -> e.rank() != Ranking.UNRANKED).count();
            badge = "#" + entry.rank() + " of " + ranked;
            String best = ranking.bestClassical();
            tip = RANK_TIP + (best == null ? "" : "\nBest classical method here: " + names.apply(best) + ".");
            if (id.equals(best)) facts.add("best classical");
            else if (!Double.isNaN(entry.gapToBestClassical())) facts.add(Format.gap(entry.gapToBestClassical()) + " vs best classical");
        }
        MethodTiming t = timings ? state.timings().getOrDefault(id, MethodTiming.NONE) : MethodTiming.NONE;
        if (!Double.isNaN(t.fullRunMillis())) facts.add("full run " + Format.millis(t.fullRunMillis()));
        if (!Double.isNaN(t.lastUpdateMillis())) facts.add("last update " + Format.millis(t.lastUpdateMillis()));
        return new PanelFacts(badge, tip, facts, null, !current, false);
    }

    private static PanelFacts text(String... facts) {
        return new PanelFacts(null, null, List.of(facts), null, false, false);
    }
}
