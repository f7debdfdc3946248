package com.maeworkbench.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.maeworkbench.image.SourceInfo;
import com.maeworkbench.metric.Metrics;
import com.maeworkbench.metric.Ranking;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A {@link MetricsReport} as JSON: restore's metrics.json and the app's JSON export. The schema is
 * docs/reports.md; numbers JSON cannot hold (an infinite PSNR, an undefined SSIM) are null.
 */
public final class MetricsJson {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    private MetricsJson() {
    }

    public static String toJson(MetricsReport report) {
        JsonObject root = new JsonObject();
        root.addProperty("schema", MetricsReport.SCHEMA);
        root.addProperty("disclaimer", MetricsReport.DISCLAIMER);
        root.add("provenance", provenance(report.provenance()));
        root.add("image", image(report.image()));

        JsonObject mask = new JsonObject();
        mask.addProperty("spec", report.mask());
        mask.addProperty("masked_pixels", report.coverage().masked());
        mask.addProperty("pixels", report.coverage().pixels());
        mask.add("masked_fraction", number(report.coverage().maskedFraction(), 6));
        root.add("mask", mask);

        JsonObject metrics = new JsonObject();
        metrics.add("peak", number(report.peak(), 6));
        metrics.addProperty("peak_bitdepth", 1.0);
        metrics.addProperty("flagged", report.flagged());
        metrics.addProperty("warning", report.warning());
        root.add("metrics", metrics);

        Ranking ranking = report.ranking();
        JsonObject rank = new JsonObject();
        rank.addProperty("valid", ranking.valid());
        rank.addProperty("reason", ranking.reason());
        rank.addProperty("winner", ranking.winner());
        rank.addProperty("best_classical", ranking.bestClassical());
        root.add("ranking", rank);

        JsonArray results = new JsonArray();
        for (MetricsReport.Result r : report.results()) {
            Metrics m = r.metrics();
            Ranking.Entry e = ranking.entry(r.method());
            JsonObject o = new JsonObject();
            o.addProperty("method", r.method());
            o.addProperty("name", r.name());
            o.addProperty("file", r.file());
            o.addProperty("measured", m != null);
            o.addProperty("stale", report.stale(r));
            o.add("psnr_masked", m == null ? JsonNull.INSTANCE : number(m.psnrMasked(), 4));
            o.add("psnr_masked_bitdepth", m == null ? JsonNull.INSTANCE : number(m.psnrMaskedBitDepth(), 4));
            o.add("psnr_full", m == null ? JsonNull.INSTANCE : number(m.psnrFull(), 4));
            o.add("ssim", m == null ? JsonNull.INSTANCE : number(m.ssim(), 5));
            o.add("millis", m == null ? JsonNull.INSTANCE : number(m.millis(), 1));
            o.add("rank", ranking.valid() && e.rank() != Ranking.UNRANKED ? new JsonPrimitive(e.rank()) : JsonNull.INSTANCE);
            o.add("gap_to_best_classical_db", ranking.valid() ? number(e.gapToBestClassical(), 4) : JsonNull.INSTANCE);
            results.add(o);
        }
        root.add("results", results);
        root.add("uncertainty", uncertainty(report.uncertainty()));
        return GSON.toJson(root) + "\n";
    }

    private static JsonElement uncertainty(MetricsReport.Uncertainty u) {
        if (u == null) return JsonNull.INSTANCE;
        JsonObject o = new JsonObject();
        o.addProperty("file", u.file());
        o.addProperty("calibrated", u.calibrated());
        o.addProperty("calibration", u.calibration());
        o.addProperty("ensemble", u.ensemble());
        o.addProperty("passes", u.passes());
        o.add("millis", number(u.millis(), 1));
        o.add("mean_sigma", number(u.meanSigma(), 6));
        o.addProperty("cells", u.cells());
        o.add("spearman", number(u.spearman(), 4));
        o.add("spearman_trivial", number(u.spearmanTrivial(), 4));
        o.add("top10", number(u.top10(), 4));
        o.add("top10_trivial", number(u.top10Trivial(), 4));
        return o;
    }

    static JsonObject provenance(Provenance p) {
        JsonObject o = new JsonObject();
        JsonObject app = new JsonObject();
        app.addProperty("version", p.app().version());
        app.addProperty("commit", p.app().commit());
        app.addProperty("modified", p.app().dirty());
        o.add("app", app);
        if (p.model() == null) {
            o.add("model", JsonNull.INSTANCE);
        } else {
            JsonObject m = new JsonObject();
            m.addProperty("name", p.model().name());
            m.addProperty("version", p.model().version());
            m.addProperty("sha256", p.model().sha256());
            m.addProperty("file", p.model().file());
            o.add("model", m);
        }
        JsonObject ort = new JsonObject();
        ort.addProperty("version", p.onnxRuntime());
        ort.addProperty("provider", p.provider());
        o.add("onnxruntime", ort);
        JsonObject machine = new JsonObject();
        machine.addProperty("cpu", p.cpu());
        machine.addProperty("gpu", p.gpu());
        machine.addProperty("os", p.os());
        machine.addProperty("java", p.java());
        o.add("machine", machine);
        o.addProperty("date", p.date().toString());
        return o;
    }

    private static JsonObject image(MetricsReport.Image image) {
        JsonObject o = new JsonObject();
        o.addProperty("path", image.path());
        o.addProperty("width", image.width());
        o.addProperty("height", image.height());
        o.addProperty("channels", image.channels());
        o.addProperty("bit_depth", image.bitDepth());
        SourceInfo s = image.source();
        JsonObject source = new JsonObject();
        source.addProperty("format", s.format());
        source.addProperty("frame", s.frame());
        source.addProperty("frames", s.frames());
        source.addProperty("alpha_dropped", s.alphaDropped());
        JsonArray transforms = new JsonArray();
        s.transforms().forEach(transforms::add);
        source.add("transforms", transforms);
        o.add("source", source);
        return o;
    }

    /** A number rounded to {@code decimals} places, or null where it is not finite. */
    static JsonElement number(double v, int decimals) {
        if (!Double.isFinite(v)) return JsonNull.INSTANCE;
        return new JsonPrimitive(BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue());
    }
}
