package com.maeworkbench.report;

import com.maeworkbench.image.DisplayWindow;
import com.maeworkbench.image.Calibration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class ComparisonSheetTest {

    private static final String LONG_NAME = "patient-study-series-0001-with-a-very-long-file-name-that-no-single-cell-could-hold"
            + "-and-would-be-cut-by-a-label-capped-at-one-cell.dcm";

    @Test
    void stampAndTitleAreDrawnInFullAndEveryMethodIsNamed() {
        ReportFixtures.Restored r = ReportFixtures.restore("/data/" + LONG_NAME, ReportFixtures.picture(96, 64),
                "patches:ratio=0.5,size=8,seed=1", "bilinear", "gaussian", "median", "bilateral", "telea", "ns");
        ComparisonSheet.Sheet sheet = ComparisonSheet.draw(r.report(), r.original(), r.mask(), r.original().window(), r.images());
        int w = sheet.image().getWidth(), h = sheet.image().getHeight();
        for (ComparisonSheet.DrawnText t : sheet.texts()) {
            assertTrue(t.bounds().getMinX() >= 0 && t.bounds().getMaxX() <= w && t.bounds().getMinY() >= 0 && t.bounds().getMaxY() <= h,
                    "'" + t.text() + "' lies inside the " + w + "x" + h + " sheet: " + t.bounds());
        }
        String all = sheet.texts().stream().map(ComparisonSheet.DrawnText::text).collect(Collectors.joining("\n"));
        // The stamp twice (top and bottom), each time whole: its lines joined give the full sentence.
        assertEquals(2, count(sheet.texts(), MetricsReport.DISCLAIMER), all);
        // The title names the whole file, wrapped over lines, never cut.
        String joined = sheet.texts().stream().map(ComparisonSheet.DrawnText::text).collect(Collectors.joining(""));
        assertTrue(joined.contains("comparison of" + LONG_NAME) || joined.contains("comparison of " + LONG_NAME), all);
        for (MetricsReport.Result res : r.report().results()) assertTrue(all.contains(res.name()), res.name() + " named on the sheet:\n" + all);
        assertTrue(all.contains("PSNR in mask") && all.contains("SSIM in mask") && all.contains("Rank 1 of 6"), all);
        assertTrue(all.contains("Mask: patches:ratio=0.5,size=8,seed=1"), all);
        assertTrue(all.contains("Window/level: W 65535 / L 32767.5"), all);
        assertTrue(all.contains("mae-test 9.9.9"), "model name and version: " + all);
        assertTrue(all.contains("0.1.0 (commit 0123456789ab)") && all.contains("2026-01-02 03:04 UTC"), "app version and date: " + all);
        assertTrue(all.contains("rescale slope 1, intercept -1024 (HU)"), "what decoding did: " + all);
        assertFalse(all.contains("Metrics flagged"), all);
    }

    @Test
    void aFlaggedMaskIsWarnedOnTheSheetAndNothingIsRanked() {
        ReportFixtures.Restored r = ReportFixtures.restore("small.png", ReportFixtures.picture(40, 30), "rect:x=0,y=0,w=40,h=30", "bilinear", "telea");
        ComparisonSheet.Sheet sheet = ComparisonSheet.draw(r.report(), r.original(), r.mask(), r.original().window(), r.images());
        String all = sheet.texts().stream().map(ComparisonSheet.DrawnText::text).collect(Collectors.joining(" "));
        assertTrue(all.contains("Metrics flagged: the mask hides 100.0%"), all);
        assertTrue(all.contains("Not ranked") && !all.contains("Rank 1"), all);
        assertEquals(2, count(sheet.texts(), MetricsReport.DISCLAIMER));
    }

    @Test
    void resultsNotMeasuredYetOrForAnEarlierMaskAreShownButNotRanked() {
        ReportFixtures.Restored r = ReportFixtures.restore("small.png", ReportFixtures.picture(40, 30), "rect:x=5,y=5,w=10,h=10", "bilinear", "telea", "ns");
        List<MetricsReport.Result> res = r.report().results();
        MetricsReport lagging = new MetricsReport(r.report().provenance(), r.report().image(), r.report().mask(), r.report().coverage(),
                r.report().peak(), List.of(new MetricsReport.Result("bilinear", res.get(0).name(), null, res.get(0).metrics(), 7),
                new MetricsReport.Result("telea", res.get(1).name(), null, res.get(1).metrics(), 6),
                new MetricsReport.Result("ns", res.get(2).name(), null, null, 7)));
        ComparisonSheet.Sheet sheet = ComparisonSheet.draw(lagging, r.original(), r.mask(), r.original().window(), r.images());
        String all = sheet.texts().stream().map(ComparisonSheet.DrawnText::text).collect(Collectors.joining("\n"));
        assertTrue(all.contains("Navier-Stokes (fast marching)\nNot measured yet"), all);
        assertTrue(all.contains("Not ranked: measured on an earlier mask"), all);
        assertTrue(all.contains("No ranking: ns is not measured yet"), all);
        assertFalse(all.contains("Rank 1"), all);
    }

    @Test
    void windowIsGivenInRawUnits() {
        Calibration hu = new Calibration(4095, -1024, "HU");
        DisplayWindow w = new DisplayWindow((40 - 200 + 1024) / 4095.0, (40 + 200 + 1024) / 4095.0);
        assertEquals("W 400 / L 40 HU (shows -160 to 240 HU)", ComparisonSheet.windowText(w, hu));
    }

    @Test
    void columnsLeaveFewEmptyPlaces() {
        assertEquals(3, ComparisonSheet.columns(3));
        assertEquals(4, ComparisonSheet.columns(4));
        assertEquals(4, ComparisonSheet.columns(8));
        assertEquals(3, ComparisonSheet.columns(9));
    }

    /** How many times {@code sentence} is drawn whole, over consecutive lines. */
    private static int count(List<ComparisonSheet.DrawnText> texts, String sentence) {
        int n = 0;
        for (int i = 0; i < texts.size(); i++) {
            StringBuilder b = new StringBuilder();
            for (int j = i; j < texts.size() && b.length() < sentence.length(); j++) {
                if (b.length() > 0) b.append(' ');
                b.append(texts.get(j).text());
                if (b.toString().equals(sentence)) n++;
            }
        }
        return n;
    }
}
