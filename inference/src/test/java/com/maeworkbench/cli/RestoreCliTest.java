package com.maeworkbench.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.report.MetricsCsv;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class RestoreCliTest {

    static final Path FIXTURE = Path.of("src/test/resources/mae/fixture.onnx");
    static final Path PIXEL_FIXTURE = Path.of("src/test/resources/mae-pixel/fixture.onnx");

    @TempDir
    static Path dir;
    static Path images;

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = RestoreCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void images() throws IOException {
        images = Files.createDirectories(dir.resolve("imgs"));
        ImageFiles.write(SelfTestCommand.syntheticImage(80, 64), images.resolve("a.png"));
        float[] gray = new float[40 * 30];
        for (int i = 0; i < gray.length; i++) gray[i] = (i % 40) / 40f;
        ImageFiles.write(FloatImage.of(40, 30, 16, gray), images.resolve("b16.png"));
    }

    @Test
    void restoreWritesEveryMethodAndMetrics() throws IOException {
        Path out = dir.resolve("restore");
        Run r = cli("restore", images.resolve("b16.png").toString(), "--mask", "rect:x=5,y=5,w=10,h=8",
                "--model", FIXTURE.toString(), "--methods", "mae,bilinear,gaussian", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String m : List.of("mae", "bilinear", "gaussian")) {
            FloatImage restored = ImageFiles.read(out.resolve("b16-" + m + ".png"), 1_000_000);
            assertEquals(40, restored.width());
            assertEquals(16, restored.bitDepth(), "same bit depth as the input");
        }
        assertTrue(Files.exists(out.resolve("b16-mask.png")));
        JsonObject json = json(out.resolve("metrics.json"));
        assertEquals("mae-workbench/metrics/1", json.get("schema").getAsString());
        assertEquals("AI reconstruction — not for diagnostic use", json.get("disclaimer").getAsString());
        assertEquals("rect:x=5,y=5,w=10,h=8", json.getAsJsonObject("mask").get("spec").getAsString());
        assertEquals(80, json.getAsJsonObject("mask").get("masked_pixels").getAsInt());
        JsonObject image = json.getAsJsonObject("image");
        assertEquals(16, image.get("bit_depth").getAsInt());
        assertEquals("PNG", image.getAsJsonObject("source").get("format").getAsString());
        JsonObject provenance = json.getAsJsonObject("provenance");
        assertTrue(provenance.getAsJsonObject("model").get("sha256").getAsString().matches("[0-9a-f]{64}"), provenance.toString());
        assertTrue(provenance.getAsJsonObject("onnxruntime").get("version").getAsString().startsWith("1."), provenance.toString());
        assertEquals("CPU", provenance.getAsJsonObject("onnxruntime").get("provider").getAsString());
        assertEquals("none", provenance.getAsJsonObject("machine").get("gpu").getAsString());
        assertEquals("0.1.0", provenance.getAsJsonObject("app").get("version").getAsString());
        assertFalse(provenance.getAsJsonObject("app").get("commit").getAsString().isEmpty());
        assertTrue(json.getAsJsonObject("ranking").get("valid").getAsBoolean());
        List<String> methods = new java.util.ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("results")) {
            JsonObject res = e.getAsJsonObject();
            methods.add(res.get("method").getAsString());
            assertEquals("b16-" + res.get("method").getAsString() + ".png", res.get("file").getAsString());
            assertTrue(res.get("rank").getAsInt() >= 1, res.toString());
            // the gray ramp spans 0 .. 39/40 of full scale: the range peak scores 20 log10(39/40) dB below the bit-depth peak
            assertEquals(res.get("psnr_masked_bitdepth").getAsDouble() + 20 * Math.log10(39 / 40.0), res.get("psnr_masked").getAsDouble(), 2e-3, res.toString());
        }
        assertEquals(List.of("mae", "bilinear", "gaussian"), methods);
        assertTrue(r.out().contains("PSNR in mask") && r.out().contains("rank 1"), r.out());
    }

    static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void evaluateWritesTheTableAndSkipsUnreadableImages() throws IOException {
        Path bad = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(images.resolve("a.png"), bad.resolve("good.png"));
        Files.writeString(bad.resolve("notes.png"), "this is text, not a picture");
        Path out = dir.resolve("eval");
        Run r = cli("evaluate", "--images", bad.toString(), "--mask", "patches:ratio=0.5,size=16,seed=1",
                "--mask", "strokes:count=3,seed=2", "--methods", "bilinear,median", "--model", FIXTURE.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), "an unreadable image makes the run partial");
        assertTrue(r.err().contains("notes.png") && r.err().lines().count() == 1, r.err());
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().get().parse(Files.newBufferedReader(out.resolve("results.csv"))).getRecords();
        assertEquals(MetricsCsv.HEADER, rows.get(0).getParser().getHeaderNames());
        assertEquals(2 * 2, rows.size(), "one image x two masks x two methods");
        CSVRecord first = rows.get(0);
        assertEquals(bad + "/good.png", first.get("image"));
        assertEquals("patches:ratio=0.5,size=16,seed=1", first.get("mask"));
        assertEquals("bilinear", first.get("method"));
        assertEquals("false", first.get("flagged"));
        assertEquals("", first.get("model"), "no model ran: bilinear and median only");
        assertEquals("none", first.get("provider"));
        assertTrue(Double.parseDouble(first.get("psnr_masked")) > 10, first.toString());
        assertTrue(Set.of("1", "2").contains(first.get("rank")), first.toString());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| bilinear |") && summary.contains("**"), summary);
        assertTrue(summary.contains("### Wins") && summary.contains("### Provenance"), summary);
    }

    @Test
    void badImageIsOneLineAndWritesNothing() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        Path out = dir.resolve("never");
        Run r = cli("restore", empty.toString(), "--mask", "patches:ratio=0.5,size=8,seed=1", "--out", out.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("empty.png"), r.err());
        assertFalse(r.err().contains("at com."), "no stack trace without --verbose");
        assertFalse(Files.exists(out), "nothing written for a failed image");
    }

    @Test
    void resultsAreWrittenOneByOneButAFailureLeavesNone() throws IOException {
        Path out = Files.createDirectories(dir.resolve("staged"));
        Files.createDirectories(out.resolve(".a-median.png/blocker")); // median's result cannot be written there
        Run r = cli("restore", images.resolve("a.png").toString(), "--mask", "rect:x=5,y=5,w=10,h=8",
                "--methods", "bilinear,median,gaussian", "--out", out.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("a-median.png"), r.err());
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(".a-median.png"), left.map(p -> p.getFileName().toString()).toList(), "bilinear's staged result is gone too");
        }
    }

    @Test
    void missingModelLeavesTheBaselinesRunning() throws IOException {
        Path out = dir.resolve("nomodel");
        Run r = cli("restore", images.resolve("a.png").toString(), "--mask", "rect:x=10,y=10,w=20,h=20",
                "--model", dir.resolve("absent.onnx").toString(), "--methods", "mae,bilinear", "--out", out.toString());
        assertEquals(2, r.exit(), "mae was asked for and could not run");
        assertTrue(r.err().startsWith("mae: unavailable:") && r.err().contains("absent.onnx"), r.err());
        assertTrue(Files.exists(out.resolve("a-bilinear.png")));
        assertFalse(Files.exists(out.resolve("a-mae.png")));
    }


    @Test
    void infoReportsRuntimeProviderAndModelWithoutCuda() {
        Run r = cli("info", "--device", "cuda", "--model", FIXTURE.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ONNX Runtime: 1."), r.out());
        assertTrue(r.out().contains("Chosen provider: CPU"), r.out());
        assertTrue(r.out().contains("patch 8 px"), r.out());
        assertTrue(r.out().contains("mask input: mask [1, 16]: per patch"), r.out());
    }

    @Test
    void infoAndSelfTestWorkWithAPixelMaskModel() {
        Run info = cli("info", "--device", "cpu", "--model", PIXEL_FIXTURE.toString());
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("mask input: pixel_mask [1, 1, 32, 32]: per pixel"), info.out());
        Run selfTest = cli("self-test", "--model", PIXEL_FIXTURE.toString());
        assertEquals(0, selfTest.exit(), selfTest.out() + selfTest.err());
    }

    @Test
    void selfTestPassesWithTheFixture() {
        Run r = cli("self-test", "--model", FIXTURE.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("self-test passed"));
        try (Stream<String> lines = r.out().lines()) {
            assertEquals(7, lines.filter(l -> l.contains(" ok ")).count(), r.out());
        }
    }
}
