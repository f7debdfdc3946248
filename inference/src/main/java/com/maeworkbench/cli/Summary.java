package com.maeworkbench.cli;

import com.maeworkbench.io.ReportFormat;
import com.maeworkbench.metric.Metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The evaluation's outputs: results.csv, one row per image x mask x method, and summary.md, means per method x mask. */
final class Summary {

    record Row(String image, String mask, String method, Metrics metrics) {
    }

    private Summary() {
    }

    static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("image,mask,method,psnr_masked,psnr_full,ssim,millis\n");
        for (Row r : rows) {
            b.append(ReportFormat.csvField(r.image())).append(',').append(ReportFormat.csvField(r.mask())).append(',').append(r.method()).append(',')
                    .append(ReportFormat.csvNumber(r.metrics().psnrMasked(), 3)).append(',')
                    .append(ReportFormat.csvNumber(r.metrics().psnrFull(), 3)).append(',')
                    .append(ReportFormat.csvNumber(r.metrics().ssim(), 4)).append(',')
                    .append(ReportFormat.csvNumber(r.metrics().millis(), 1)).append('\n');
        }
        return b.toString();
    }

    static String markdown(List<Row> rows) {
        List<String> masks = distinct(rows, Row::mask), methods = distinct(rows, Row::method);
        long images = rows.stream().map(Row::image).distinct().count();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Means over %d images. PSNR in dB over the masked pixels (peak 1.0 on normalised intensities); "
                + "SSIM over the masked pixels; runtime in ms. Best per mask in bold.%n%n", images));
        table(b, "PSNR (masked)", rows, masks, methods, m -> m.psnrMasked(), 2, true);
        table(b, "SSIM (masked)", rows, masks, methods, m -> m.ssim(), 4, true);
        table(b, "Runtime (ms)", rows, masks, methods, m -> m.millis(), 1, false);
        return b.toString();
    }

    private static void table(StringBuilder b, String title, List<Row> rows, List<String> masks, List<String> methods,
                              ToDoubleFunction<Metrics> metric, int decimals, boolean higherIsBetter) {
        Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        for (String method : methods) {
            Map<String, Double> perMask = new LinkedHashMap<>();
            for (String mask : masks) perMask.put(mask, mean(rows, method, mask, metric));
            means.put(method, perMask);
        }
        b.append("### ").append(title).append("\n\n| method |");
        masks.forEach(m -> b.append(" `").append(m).append("` |"));
        b.append("\n|---|").append("---:|".repeat(masks.size())).append('\n');
        for (String method : methods) {
            b.append("| ").append(method).append(" |");
            for (String mask : masks) {
                double v = means.get(method).get(mask);
                boolean best = Double.isFinite(v) && methods.stream().mapToDouble(o -> means.get(o).get(mask))
                        .filter(Double::isFinite).allMatch(o -> higherIsBetter ? v >= o : v <= o);
                String cell = ReportFormat.csvNumber(v, decimals);
                b.append(' ').append(best ? "**" + cell + "**" : cell).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }

    /** Mean over images; infinite values (an untouched image) are left out so one cannot swamp the mean. */
    private static double mean(List<Row> rows, String method, String mask, ToDoubleFunction<Metrics> metric) {
        double sum = 0;
        int n = 0;
        for (Row r : rows) {
            if (!r.method().equals(method) || !r.mask().equals(mask)) continue;
            double v = metric.applyAsDouble(r.metrics());
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static List<String> distinct(List<Row> rows, java.util.function.Function<Row, String> key) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) if (!out.contains(key.apply(r))) out.add(key.apply(r));
        return out;
    }
}
