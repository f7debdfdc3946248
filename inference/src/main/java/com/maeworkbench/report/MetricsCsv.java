package com.maeworkbench.report;

import com.maeworkbench.metric.Metrics;
import com.maeworkbench.metric.Ranking;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@link MetricsReport}s as CSV, one row per image x mask x method: {@code evaluate}'s results.csv and the
 * app's CSV export. RFC 4180 through commons-csv. Each row carries its provenance, so rows from several
 * runs can be concatenated and still say where they came from. Infinite and undefined numbers are
 * {@code inf} and {@code nan} (pandas and R read both); rank and gap are empty where the ranking is not valid, and
 * the metrics of a result not measured yet (the app's) are empty.
 */
public final class MetricsCsv {

    public static final List<String> HEADER = List.of(
            "image", "frame", "mask", "masked_fraction", "flagged", "method",
            "psnr_masked", "psnr_masked_bitdepth", "psnr_full", "ssim", "millis", "rank", "gap_to_best_classical_db", "peak",
            "model", "model_version", "model_sha256", "onnxruntime", "provider", "app_version", "app_commit", "cpu", "gpu", "date");

    private MetricsCsv() {
    }

    public static String toCsv(List<MetricsReport> reports) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            csv.printRecord(HEADER);
            for (MetricsReport report : reports) {
                Ranking ranking = report.ranking();
                Provenance p = report.provenance();
                for (MetricsReport.Result r : report.results()) {
                    Metrics m = r.metrics();
                    Ranking.Entry e = ranking.entry(r.method());
                    List<Object> row = new ArrayList<>(List.of(
                            nullToEmpty(report.image().path()), report.image().source().frame(), nullToEmpty(report.mask()),
                            ReportText.number(report.coverage().maskedFraction(), 4), report.flagged(), r.method(),
                            number(m, Metrics::psnrMasked, 3), number(m, Metrics::psnrMaskedBitDepth, 3), number(m, Metrics::psnrFull, 3),
                            number(m, Metrics::ssim, 4), number(m, Metrics::millis, 1),
                            ranking.valid() && e.rank() != Ranking.UNRANKED ? e.rank() : "",
                            ranking.valid() ? ReportText.number(e.gapToBestClassical(), 3) : "",
                            ReportText.number(report.peak(), 6)));
                    row.addAll(p.model() == null ? List.of("", "", "") : List.of(p.model().name(), p.model().version(), p.model().sha256()));
                    row.addAll(List.of(nullToEmpty(p.onnxRuntime()), p.provider(), p.app().version(), p.app().commit(), p.cpu(), p.gpu(), p.date().toString()));
                    csv.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** A metric's cell; empty while the result is not measured yet. */
    private static String number(Metrics m, ToDoubleFunction<Metrics> metric, int decimals) {
        return m == null ? "" : ReportText.number(metric.applyAsDouble(m), decimals);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
