package com.maeworkbench.report;

import com.maeworkbench.metric.MaskCoverage;
import com.maeworkbench.metric.Metrics;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MetricsCsvTest {

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv)).getRecords();
    }

    @Test
    void rowsCarryMetricsRankAndProvenanceAndReadBack() throws IOException {
        ReportFixtures.Restored r = ReportFixtures.restore("scans/odd, \"name\".dcm", ReportFixtures.picture(64, 48),
                "patches:ratio=0.5,size=8,seed=3", "bilinear", "telea");
        List<CSVRecord> rows = parse(MetricsCsv.toCsv(List.of(r.report())));
        assertEquals(2, rows.size());
        assertEquals(MetricsCsv.HEADER, rows.get(0).getParser().getHeaderNames());
        for (int i = 0; i < 2; i++) {
            CSVRecord row = rows.get(i);
            Metrics m = r.report().results().get(i).metrics();
            assertEquals("scans/odd, \"name\".dcm", row.get("image"), "quoted by commons-csv, read back whole");
            assertEquals("patches:ratio=0.5,size=8,seed=3", row.get("mask"));
            assertEquals(m.psnrMasked(), Double.parseDouble(row.get("psnr_masked")), 5e-4);
            assertEquals(m.psnrMaskedBitDepth(), Double.parseDouble(row.get("psnr_masked_bitdepth")), 5e-4);
            assertEquals(m.ssim(), Double.parseDouble(row.get("ssim")), 5e-5);
            assertEquals(r.report().ranking().entry(row.get("method")).rank(), Integer.parseInt(row.get("rank")));
            assertEquals("ab".repeat(32), row.get("model_sha256"));
            assertEquals("0123456789abcdef0123456789abcdef01234567", row.get("app_commit"));
            assertEquals("2026-01-02T03:04:05Z", row.get("date"));
            assertEquals("false", row.get("flagged"));
        }
    }

    @Test
    void infiniteAndUndefinedNumbersAreSpelledOutAndFlaggedRowsHaveNoRank() throws IOException {
        MaskCoverage none = new MaskCoverage(0, 100);
        Metrics identical = new Metrics(Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.NaN, 1, 0.5, none);
        MetricsReport report = new MetricsReport(ReportFixtures.PROVENANCE, new MetricsReport.Image(null, 10, 10, 1, 8,
                com.maeworkbench.image.SourceInfo.NONE), "rect:x=0,y=0,w=0,h=0", none, 0.5,
                List.of(new MetricsReport.Result("bilinear", "Bilinear", null, identical)));
        CSVRecord row = parse(MetricsCsv.toCsv(List.of(report))).get(0);
        assertEquals("nan", row.get("psnr_masked"));
        assertEquals("inf", row.get("psnr_full"));
        assertEquals("true", row.get("flagged"));
        assertEquals("", row.get("rank"));
        assertEquals("", row.get("image"));
    }
}
