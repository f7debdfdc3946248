package com.maeworkbench.report;

import com.maeworkbench.metric.Ranking;

import java.util.Locale;

/** The words and number formats the CLI, the CSV and the comparison sheet share. */
public final class ReportText {

    private ReportText() {
    }

    /** A metric with fixed decimals; {@code inf}, {@code -inf}, {@code nan} where not finite (as in the CSV). */
    public static String number(double v, int decimals) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A metric for people: {@code n/a} where undefined, {@code ∞} where infinite (an unchanged image). */
    public static String display(double v, int decimals) {
        if (Double.isNaN(v)) return "n/a";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A method's place against the classical methods, e.g. {@code +2.05 dB vs best classical} or {@code best classical}. */
    public static String gap(Ranking.Entry e) {
        double g = e.gapToBestClassical();
        if (Double.isNaN(g)) return "";
        if (e.classical() && g == 0) return "best classical";
        return String.format(Locale.ROOT, "%+.2f dB vs best classical", g);
    }
}
