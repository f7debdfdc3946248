package com.maeworkbench.app;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.MaskFiles;
import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.metric.Metrics;
import com.maeworkbench.report.MetricsCsv;
import com.maeworkbench.report.MetricsReport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.maeworkbench.app.FxWait.fx;
import static com.maeworkbench.app.FxWait.run;
import static com.maeworkbench.app.FxWait.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files in and out of the workbench, headless: opening through the file dialog and by dropping a file,
 * the mask, restored images, comparison sheet and metrics through the save dialogs (answered by the test),
 * with the real methods, the real model and real files.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchFilesTest {

    @TempDir
    static Path sources;
    private static Path png16, tiff16;
    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private Workbench workbench;

    /** A 16-bit gray source, once as PNG and once as TIFF. */
    @BeforeAll
    static void sources() throws IOException {
        int w = 128, h = 96;
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) p[y * w + x] = Math.round(65535 * (0.2 + 0.3 * x / w + 0.2 * Math.sin(y * 0.2) * Math.cos(x * 0.15) + 0.1 * y / h)) / 65535f;
        }
        FloatImage image = FloatImage.of(w, h, 16, p);
        png16 = sources.resolve("scan16.png");
        tiff16 = sources.resolve("scan16.tif");
        ImageFiles.write(image, png16);
        ImageFiles.write(image, tiff16);
    }

    @Start
    void start(Stage stage) {
        System.setProperty("mae.model", TestAssets.model().toString());
        workbench = new Workbench(stage, dialogs);
        stage.show();
        workbench.startUp(List.of(png16.toString()));
    }

    @AfterEach
    void tearDown() {
        workbench.close();
    }

    private WorkbenchState state() {
        return workbench.state();
    }

    /** The image at {@code path} is open and every available method (the MAE included) has its numbers. */
    private void waitMeasured(Path path) throws Exception {
        waitFor("every method measured on " + path.getFileName(), () -> {
            if (!path.equals(state().getImagePath()) || state().methods().stream().noneMatch(m -> m instanceof MaeMethod)) return false;
            for (RestorationMethod m : state().methods()) {
                MethodResult r = state().results().get(m.id());
                if (m.availability().available() && (r == null || r.metrics() == null)) return false;
            }
            return true;
        });
    }

    private Map<String, MethodResult> results() throws Exception {
        return fx(() -> new HashMap<>(state().results()));
    }

    @Test
    void opensFromTheDialogAndFromADroppedFile() throws Exception {
        waitMeasured(png16);
        dialogs.files.add(tiff16);
        fx(() -> {
            workbench.actions().openDialog();
            return null;
        });
        waitMeasured(tiff16);
        assertEquals(List.of("Open image"), dialogs.asked);

        Path camera = TestAssets.sample("camera.png");
        assertTrue(fx(() -> FileDrop.drop(workbench.stage().getScene(), List.of(camera.toFile()))), "the window takes the drop");
        waitMeasured(camera);
        assertEquals(512, fx(() -> state().getImage().width()));
    }

    @Test
    void foldersOpenTheirFirstImageOrTheirDicomSeriesOrSayWhyNot(@TempDir Path dir) throws Exception {
        waitMeasured(png16);
        Path images = Files.createDirectory(dir.resolve("images"));
        Files.copy(tiff16, images.resolve("a-scan.tif"));
        Files.copy(png16, images.resolve("b-scan.png"));
        Files.writeString(images.resolve("0-readme.txt"), "not an image");
        dialogs.files.add(images);
        fx(() -> {
            workbench.actions().openFolderDialog();
            return null;
        });
        waitMeasured(images.resolve("a-scan.tif"));
        assertEquals(images, new AppPreferences().lastFolder(), "the folder chosen is remembered for the next dialog");

        // A DICOM series wins over the first file by name, and says which slice it is.
        Path series = Files.createDirectory(dir.resolve("series"));
        Files.copy(TestAssets.sample("ct-small.dcm"), series.resolve("IM0001"));
        Files.copy(png16, series.resolve("a-preview.png"));
        assertTrue(run(() -> workbench.actions().open(series)));
        assertEquals(series.resolve("IM0001"), fx(() -> state().getImagePath()));
        assertTrue(fx(() -> state().statusProperty().get()).contains("slice 1 of 1 of the folder's DICOM series"), fx(() -> state().statusProperty().get()));

        // Nothing to open: one clear message naming the folder, and the image stays.
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "no pictures here");
        FloatImage shown = fx(() -> state().getImage());
        assertFalse(run(() -> workbench.actions().open(empty)));
        String last = fx(() -> state().notifications().get(state().notifications().size() - 1));
        assertEquals("ERROR Cannot open folder: " + empty + ": no image or DICOM file in it", last);
        assertTrue(fx(() -> state().getImage()) == shown, "the image stays");
    }

    @Test
    void restoredImagesKeepSizeBitDepthAndContainer(@TempDir Path out) throws Exception {
        waitMeasured(png16);
        dialogs.files.add(out);
        assertTrue(run(() -> workbench.actions().exportRestored()));
        assertRestoredFiles(out, "png");

        // A TIFF source gives TIFF results, as the CLI writes them.
        assertTrue(run(() -> workbench.actions().open(tiff16)));
        waitMeasured(tiff16);
        dialogs.files.add(out);
        assertTrue(run(() -> workbench.actions().exportRestored()));
        assertRestoredFiles(out, "tif");

        // Exporting again asks before replacing; "cancel" leaves every file as it was.
        Map<Path, byte[]> before = contents(out);
        dialogs.confirmAnswer = false;
        dialogs.files.add(out);
        assertFalse(run(() -> workbench.actions().exportRestored()));
        assertTrue(dialogs.asked.stream().anyMatch(q -> q.startsWith("Replace ")), dialogs.asked.toString());
        String question = dialogs.confirmTexts.get(dialogs.confirmTexts.size() - 1);
        assertTrue(question.contains(out.resolve("scan16-mae.tif").toAbsolutePath().toString()), "full paths: " + question);
        assertEquals(before.keySet(), contents(out).keySet());
        before.forEach((p, bytes) -> assertArrayEquals(bytes, read(p), p + " unchanged"));
    }

    private void assertRestoredFiles(Path out, String ext) throws Exception {
        Map<String, MethodResult> results = results();
        assertTrue(results.containsKey("mae") && results.containsKey("bilinear"), results.keySet().toString());
        for (MethodResult r : results.values()) {
            Path file = out.resolve("scan16-" + r.methodId() + "." + ext);
            FloatImage back = ImageFiles.read(file, ImageFiles.DEFAULT_MAX_PIXELS);
            FloatImage shown = r.image();
            assertEquals(shown.width(), back.width(), file.toString());
            assertEquals(shown.height(), back.height(), file.toString());
            assertEquals(16, back.bitDepth(), file + " keeps 16 bits");
            for (int i = 0; i < shown.pixels(); i++) {
                assertEquals(shown.plane(0)[i], back.plane(0)[i], 0.51f / 65535, file + " pixel " + i);
            }
        }
        assertNoTempFiles(out);
    }

    @Test
    void maskSheetAndMetricsRoundTrip(@TempDir Path out) throws Exception {
        waitMeasured(png16);
        Mask shown = fx(() -> state().getMask().copy());
        Path maskFile = out.resolve("mask.png");
        dialogs.files.add(maskFile);
        assertTrue(run(() -> workbench.actions().saveMask()));
        assertTrue(MaskFiles.read(maskFile, shown.width(), shown.height()).sameContent(shown), "saved mask reads back");
        assertEquals("Mask saved: " + maskFile.toAbsolutePath(), fx(() -> state().notifications().get(state().notifications().size() - 1)),
                "the confirmation gives the full path");
        fx(() -> {
            workbench.actions().masks().clear();
            return null;
        });
        dialogs.files.add(maskFile);
        assertTrue(run(() -> workbench.actions().loadMask()));
        assertTrue(fx(() -> state().getMask().sameContent(shown)), "loaded mask replaces the cleared one");
        waitMeasured(png16);
        waitFor("every method measured on the loaded mask", () -> {
            var rs = state().results().values();
            return rs.stream().allMatch(r -> r.metrics() != null) && rs.stream().mapToLong(MethodResult::requestSeq).distinct().count() == 1;
        });

        Path sheet = out.resolve("sheet.png");
        dialogs.files.add(sheet);
        assertTrue(run(() -> workbench.actions().exportSheet()));
        assertStamped(ImageFiles.read(sheet, ImageFiles.DEFAULT_MAX_PIXELS));

        Map<String, Metrics> metrics = new HashMap<>();
        results().forEach((id, r) -> metrics.put(id, r.metrics()));
        Path csv = out.resolve("m.csv"), json = out.resolve("m.json");
        dialogs.files.add(csv);
        assertTrue(run(() -> workbench.actions().exportMetrics()));
        dialogs.files.add(json);
        assertTrue(run(() -> workbench.actions().exportMetrics()));
        assertEquals(List.of("scan16-mask.png", "scan16-comparison.png", "scan16-metrics.csv", "scan16-metrics.csv"), dialogs.proposedNames);
        // Every dialog after the first opens where the previous one was answered.
        assertEquals(List.of(out, out, out, out), dialogs.initialFolders.subList(1, dialogs.initialFolders.size()));

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().get().parse(Files.newBufferedReader(csv)).getRecords();
        assertEquals(MetricsCsv.HEADER, rows.get(0).getParser().getHeaderNames(), "the CLI's results.csv columns");
        assertEquals(metrics.size(), rows.size(), "one row per method: " + rows);
        for (CSVRecord row : rows) {
            Metrics m = metrics.get(row.get("method"));
            assertEquals(png16.toString(), row.get("image"));
            assertEquals(m.psnrMasked(), Double.parseDouble(row.get("psnr_masked")), 1e-3, row.toString());
            assertEquals(m.psnrMaskedBitDepth(), Double.parseDouble(row.get("psnr_masked_bitdepth")), 1e-3, row.toString());
            assertEquals(m.psnrFull(), Double.parseDouble(row.get("psnr_full")), 1e-3, row.toString());
            assertEquals(m.ssim(), Double.parseDouble(row.get("ssim")), 1e-4, row.toString());
            assertEquals(m.millis(), Double.parseDouble(row.get("millis")), 0.05, row.toString());
            assertEquals(64, row.get("model_sha256").length(), "the MAE ran: its model's SHA-256");
            assertFalse(row.get("rank").isEmpty(), "every result answers the same mask: ranked");
        }
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertEquals(MetricsReport.SCHEMA, root.get("schema").getAsString(), "the CLI's metrics.json schema");
        assertEquals(png16.toString(), root.getAsJsonObject("image").get("path").getAsString());
        assertEquals(16, root.getAsJsonObject("image").get("bit_depth").getAsInt());
        assertEquals("PNG", root.getAsJsonObject("image").getAsJsonObject("source").get("format").getAsString());
        assertEquals(shown.count(), root.getAsJsonObject("mask").get("masked_pixels").getAsInt());
        JsonObject model = root.getAsJsonObject("provenance").getAsJsonObject("model");
        assertEquals(fx(() -> state().modelInfoProperty().get().version()), model.get("version").getAsString());
        assertEquals(metrics.size(), root.getAsJsonArray("results").size());
        for (JsonElement e : root.getAsJsonArray("results")) {
            JsonObject o = e.getAsJsonObject();
            Metrics m = metrics.get(o.get("method").getAsString());
            assertEquals(m.psnrMasked(), o.get("psnr_masked").getAsDouble(), 1e-4, o.toString());
            assertEquals(m.psnrFull(), o.get("psnr_full").getAsDouble(), 1e-4, o.toString());
            assertEquals(m.ssim(), o.get("ssim").getAsDouble(), 1e-5, o.toString());
            assertEquals(m.millis(), o.get("millis").getAsDouble(), 0.05, o.toString());
        }
        assertNoTempFiles(out);
    }

    /** The core's sheet: the stamp's banner (its red, #B3261E) at the top and at the bottom, drawn whole (ComparisonSheetTest). */
    private static void assertStamped(FloatImage sheet) {
        int w = sheet.width(), h = sheet.height(), top = 0, bottom = 0;
        for (int i = 0; i < sheet.pixels(); i++) {
            int r = Math.round(sheet.plane(0)[i] * 255), g = Math.round(sheet.plane(1)[i] * 255), b = Math.round(sheet.plane(2)[i] * 255);
            if (r != 0xB3 || g != 0x26 || b != 0x1E) continue;
            if (i / w < h / 3) top++;
            else if (i / w > 2 * h / 3) bottom++;
        }
        assertTrue(top > 10_000 && bottom > 10_000, "the stamp's banners are drawn: " + top + " and " + bottom + " pixels");
    }

    @Test
    void neverOverwritesTheOpenedFileAndLeavesNothingHalfWritten(@TempDir Path out) throws Exception {
        waitMeasured(png16);
        byte[] original = read(png16);
        dialogs.files.add(png16);
        assertFalse(run(() -> workbench.actions().saveMask()));
        dialogs.files.add(png16);
        assertFalse(run(() -> workbench.actions().exportSheet()));
        dialogs.files.add(png16.getParent());
        assertTrue(run(() -> workbench.actions().exportRestored()), "results have other names than the source");
        assertArrayEquals(original, read(png16), "the opened image is untouched");
        List<String> errors = fx(() -> state().notifications().stream().filter(n -> n.startsWith("ERROR")).toList());
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.stream().allMatch(n -> n.contains("scan16.png: refusing to overwrite the opened image")), errors.toString());

        // A replaced file is whole (the old one or the new one), a failed write leaves nothing.
        Path csv = out.resolve("m.csv");
        Files.writeString(csv, "old contents that are longer than nothing at all\n".repeat(400));
        dialogs.files.add(csv);
        assertTrue(run(() -> workbench.actions().exportMetrics()));
        assertTrue(Files.readString(csv).startsWith(String.join(",", MetricsCsv.HEADER)) && !Files.readString(csv).contains("old contents"));
        dialogs.files.add(out.resolve("missing-folder/m.csv"));
        assertFalse(run(() -> workbench.actions().exportMetrics()));
        dialogs.files.add(out.resolve("sheet.jpg"));
        assertFalse(run(() -> workbench.actions().exportSheet()), "JPEG is not a lossless container");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(csv), files.toList());
        }
        assertNoTempFiles(png16.getParent());
    }

    private static void assertNoTempFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> temps = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), temps, "no temporary files left behind");
        }
    }

    private static Map<Path, byte[]> contents(Path dir) throws IOException {
        Map<Path, byte[]> m = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) m.put(p, Files.readAllBytes(p));
        }
        return m;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new AssertionError(p + ": " + e.getMessage(), e);
        }
    }
}
