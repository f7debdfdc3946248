package com.maeworkbench.app.state;

/**
 * How long a method took on the current image: its last run from scratch and its last update after an edit
 * (where it can, a method then recomputes only what the edit reaches). Shown apart so that an incremental
 * update is never read against another method's full run. NaN where there was none yet.
 */
public record MethodTiming(double fullRunMillis, double lastUpdateMillis) {

    public static final MethodTiming NONE = new MethodTiming(Double.NaN, Double.NaN);

    /** This timing with {@code r}'s run added. */
    public MethodTiming with(MethodResult r) {
        return r.update() ? new MethodTiming(fullRunMillis, r.restoreMillis()) : new MethodTiming(r.restoreMillis(), lastUpdateMillis);
    }
}
