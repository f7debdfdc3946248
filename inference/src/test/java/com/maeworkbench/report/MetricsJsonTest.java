package com.maeworkbench.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MetricsJsonTest {

    @Test
    void theSchemaCarriesSourceProvenanceCoverageAndRanking() {
        ReportFixtures.Restored r = ReportFixtures.restore("ct.dcm", ReportFixtures.picture(64, 48), "rect:x=8,y=8,w=20,h=16", "bilinear", "median");
        JsonObject o = JsonParser.parseString(MetricsJson.toJson(r.report())).getAsJsonObject();
        assertEquals(MetricsReport.SCHEMA, o.get("schema").getAsString());
        JsonObject source = o.getAsJsonObject("image").getAsJsonObject("source");
        assertEquals("DICOM", source.get("format").getAsString());
        assertEquals("rescale slope 1, intercept -1024 (HU)", source.getAsJsonArray("transforms").get(0).getAsString());
        JsonObject p = o.getAsJsonObject("provenance");
        assertEquals("mae-test", p.getAsJsonObject("model").get("name").getAsString());
        assertEquals("9.9.9", p.getAsJsonObject("model").get("version").getAsString());
        assertEquals("1.23.2", p.getAsJsonObject("onnxruntime").get("version").getAsString());
        assertEquals("Test CPU (2 logical cores)", p.getAsJsonObject("machine").get("cpu").getAsString());
        assertEquals("2026-01-02T03:04:05Z", p.get("date").getAsString());
        assertEquals(320, o.getAsJsonObject("mask").get("masked_pixels").getAsInt());
        assertEquals(r.report().peak(), o.getAsJsonObject("metrics").get("peak").getAsDouble(), 1e-6);
        assertFalse(o.getAsJsonObject("metrics").get("flagged").getAsBoolean());
        assertTrue(o.getAsJsonObject("metrics").get("warning").isJsonNull(), "null fields are written, not left out");
        assertEquals(r.report().ranking().winner(), o.getAsJsonObject("ranking").get("winner").getAsString());
        JsonObject first = o.getAsJsonArray("results").get(0).getAsJsonObject();
        assertEquals(r.report().results().get(0).metrics().psnrMasked(), first.get("psnr_masked").getAsDouble(), 1e-4);
        assertEquals(12.3, first.get("millis").getAsDouble());
    }

    @Test
    void aResultNotMeasuredYetHasNullMetricsAndNoRank() {
        ReportFixtures.Restored r = ReportFixtures.restore("a.png", ReportFixtures.picture(40, 30), "rect:x=5,y=5,w=10,h=10", "bilinear");
        MetricsReport report = new MetricsReport(r.report().provenance(), r.report().image(), r.report().mask(), r.report().coverage(),
                r.report().peak(), List.of(r.report().results().get(0), new MetricsReport.Result("telea", "Telea (fast marching)", null, null, 0)));
        JsonObject o = JsonParser.parseString(MetricsJson.toJson(report)).getAsJsonObject();
        JsonObject telea = o.getAsJsonArray("results").get(1).getAsJsonObject();
        assertFalse(telea.get("measured").getAsBoolean());
        assertTrue(telea.get("psnr_masked").isJsonNull() && telea.get("rank").isJsonNull());
        assertFalse(o.getAsJsonObject("ranking").get("valid").getAsBoolean());
        assertTrue(o.getAsJsonArray("results").get(0).getAsJsonObject().get("measured").getAsBoolean());
        String csv = MetricsCsv.toCsv(List.of(report));
        assertTrue(csv.lines().skip(2).findFirst().orElseThrow().contains(",telea,,,,,,,,"), csv);
    }

    @Test
    void withoutAModelTheModelIsNull() {
        Provenance none = Provenance.collect(null, null);
        JsonObject p = MetricsJson.provenance(none);
        assertTrue(p.get("model").isJsonNull());
        assertTrue(p.getAsJsonObject("onnxruntime").get("version").isJsonNull());
        assertEquals("none", p.getAsJsonObject("onnxruntime").get("provider").getAsString());
        assertEquals("none", p.getAsJsonObject("machine").get("gpu").getAsString());
        assertFalse(p.getAsJsonObject("machine").get("cpu").getAsString().isBlank());
    }
}
