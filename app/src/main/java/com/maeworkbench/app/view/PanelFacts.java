package com.maeworkbench.app.view;

import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.MethodTiming;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.metric.Metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * What a panel's header says, derived from the state: short facts that wrap as whole units (never cut in
 * the middle of a number), a badge (rank or "stale"), and a note that wraps freely (a failure's cause).
 */
record PanelFacts(String badge, String badgeTip, List<String> facts, String note, boolean stale, boolean failed) {

    static final String RANK_TIP = "Rank by PSNR inside the mask among the methods, given only when every panel "
            + "has numbers for the current mask. The highlighted panel ranks first.";
    static final String STALE_TIP = "These numbers belong to an earlier mask; the new ones follow when the method "
            + "finishes. No ranking is shown meanwhile.";

    /** The widest a method's facts get (digits are equally wide), for headers that keep their height. */
    static final List<String> WIDEST_FACTS = List.of("PSNR in mask 00.00 dB", "SSIM in mask 0.000", "full run 0000 ms",
            "last update 0000 ms");
    static final String WIDEST_BADGE = "stale";

    static PanelFacts of(WorkbenchState state, String id, String splitA, String splitB) {
        FloatImage img = state.getImage();
        if (img == null) return text();
        if (WorkbenchState.ORIGINAL.equals(id)) {
            return text(img.width() + "×" + img.height(), img.bitDepth() + "-bit" + (img.channels() == 3 ? " RGB" : " gray"));
        }
        if (WorkbenchState.MASKED.equals(id)) {
            return text(state.getMask() == null ? "" : String.format("mask %.1f%% of pixels", 100 * state.getMask().ratio()));
        }
        if (ImagePanel.SPLIT.equals(id)) return text("A (left): " + splitA, "B (right): " + splitB);
        return method(state, id);
    }

    private static PanelFacts method(WorkbenchState state, String id) {
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
            facts.add("PSNR in mask " + Format.psnr(m.psnrMasked()));
            facts.add("SSIM in mask " + Format.ssim(m.ssim()));
        } else {
            facts.add("measuring…");
        }
        MethodTiming t = state.timings().getOrDefault(id, MethodTiming.NONE);
        if (!Double.isNaN(t.fullRunMillis())) facts.add("full run " + Format.millis(t.fullRunMillis()));
        if (!Double.isNaN(t.lastUpdateMillis())) facts.add("last update " + Format.millis(t.lastUpdateMillis()));
        String badge = current ? null : "stale";
        return new PanelFacts(badge, current ? null : STALE_TIP, facts, null, !current, false);
    }

    private static PanelFacts text(String... facts) {
        return new PanelFacts(null, null, List.of(facts), null, false, false);
    }
}
