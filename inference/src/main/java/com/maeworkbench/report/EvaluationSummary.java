package com.maeworkbench.report;

import com.maeworkbench.metric.Metrics;
import com.maeworkbench.metric.Ranking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * {@code evaluate}'s summary.md: means per method x mask over the images, the mean gap to the best
 * classical method and the wins of each method (both from {@link Ranking}), and the run's provenance.
 * Flagged results (a mask leaving under 1% known, a flat original) are left out of every mean and count.
 */
public final class EvaluationSummary {

    private EvaluationSummary() {
    }

    public static String markdown(List<MetricsReport> reports) {
        List<String> masks = new ArrayList<>(), methods = new ArrayList<>();
        for (MetricsReport r : reports) {
            if (!masks.contains(r.mask())) masks.add(r.mask());
            for (MetricsReport.Result res : r.results()) if (!methods.contains(res.method())) methods.add(res.method());
        }
        List<MetricsReport> counted = reports.stream().filter(r -> !r.flagged()).toList();
        long images = counted.stream().map(r -> r.image().path()).distinct().count();
        int flagged = reports.size() - counted.size();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Means over %d images. PSNR in dB over the masked pixels with peak = each original's dynamic "
                + "range (max − min); SSIM over the masked pixels with L = that range; runtime in ms. Best per mask in bold.%n", images));
        if (flagged > 0) {
            b.append(String.format(Locale.ROOT, "%n%d image x mask pairs left out: their mask leaves under 1%% of the pixels known "
                    + "(or none masked), or the original is flat.%n", flagged));
        }
        b.append('\n');
        table(b, "PSNR (masked)", counted, masks, methods, Metrics::psnrMasked, 2, true);
        table(b, "SSIM (masked)", counted, masks, methods, Metrics::ssim, 4, true);
        table(b, "PSNR (masked, bit-depth peak 1.0)", counted, masks, methods, Metrics::psnrMaskedBitDepth, 2, true);
        rankTables(b, counted, masks, methods);
        table(b, "Runtime (ms)", counted, masks, methods, Metrics::millis, 1, false);
        provenance(b, reports);
        return b.toString();
    }

    private static void table(StringBuilder b, String title, List<MetricsReport> reports, List<String> masks, List<String> methods,
                              ToDoubleFunction<Metrics> metric, int decimals, boolean higherIsBetter) {
        Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        for (String method : methods) {
            Map<String, Double> perMask = new LinkedHashMap<>();
            for (String mask : masks) perMask.put(mask, mean(reports, mask, r -> value(r, method, metric)));
            means.put(method, perMask);
        }
        header(b, title, masks);
        for (String method : methods) {
            b.append("| ").append(method).append(" |");
            for (String mask : masks) {
                double v = means.get(method).get(mask);
                boolean best = Double.isFinite(v) && methods.stream().mapToDouble(o -> means.get(o).get(mask))
                        .filter(Double::isFinite).allMatch(o -> higherIsBetter ? v >= o : v <= o);
                String cell = ReportText.number(v, decimals);
                b.append(' ').append(best ? "**" + cell + "**" : cell).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }

    /** Mean gap to the best classical method per image, and how often each method ranked first alone. */
    private static void rankTables(StringBuilder b, List<MetricsReport> reports, List<String> masks, List<String> methods) {
        header(b, "Gap to the best classical method (dB, mean over images; positive = ahead of every classical method)", masks);
        for (String method : methods) {
            b.append("| ").append(method).append(" |");
            for (String mask : masks) {
                b.append(' ').append(ReportText.number(mean(reports, mask, r -> {
                    Ranking ranking = r.ranking();
                    Ranking.Entry e = ranking.entry(method);
                    return ranking.valid() && e != null ? e.gapToBestClassical() : Double.NaN;
                }), 2)).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
        header(b, "Wins (images where the method ranks first by masked PSNR, ties not counted)", masks);
        for (String method : methods) {
            b.append("| ").append(method).append(" |");
            for (String mask : masks) {
                long wins = reports.stream().filter(r -> r.mask().equals(mask) && method.equals(r.ranking().winner())).count();
                long of = reports.stream().filter(r -> r.mask().equals(mask) && r.ranking().valid()).count();
                b.append(' ').append(wins).append(" of ").append(of).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }

    private static void header(StringBuilder b, String title, List<String> masks) {
        b.append("### ").append(title).append("\n\n| method |");
        masks.forEach(m -> b.append(" `").append(m).append("` |"));
        b.append("\n|---|").append("---:|".repeat(masks.size())).append('\n');
    }

    private static double value(MetricsReport r, String method, ToDoubleFunction<Metrics> metric) {
        for (MetricsReport.Result res : r.results()) {
            if (res.method().equals(method) && res.metrics() != null) return metric.applyAsDouble(res.metrics());
        }
        return Double.NaN;
    }

    /** Mean over the images of one mask; infinite values (an untouched image) are left out so one cannot swamp the mean. */
    private static double mean(List<MetricsReport> reports, String mask, ToDoubleFunction<MetricsReport> value) {
        double sum = 0;
        int n = 0;
        for (MetricsReport r : reports) {
            if (!r.mask().equals(mask)) continue;
            double v = value.applyAsDouble(r);
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static void provenance(StringBuilder b, List<MetricsReport> reports) {
        if (reports.isEmpty()) return;
        Provenance p = reports.get(0).provenance();
        b.append("### Provenance\n\n");
        b.append("- workbench ").append(p.app().describe()).append('\n');
        b.append("- model ").append(p.model() == null ? "none (classical methods only)"
                : p.model().describe() + ", SHA-256 `" + p.model().sha256() + "`").append('\n');
        if (p.onnxRuntime() != null) b.append("- ONNX Runtime ").append(p.onnxRuntime()).append(", provider ").append(p.provider()).append('\n');
        b.append("- CPU ").append(p.cpu()).append("; GPU ").append(p.gpu()).append('\n');
        b.append("- ").append(p.os()).append(", ").append(p.java()).append('\n');
        b.append("- date ").append(p.date()).append('\n');
        b.append("\n").append(MetricsReport.DISCLAIMER).append(".\n");
    }
}
