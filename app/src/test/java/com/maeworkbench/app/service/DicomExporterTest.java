package com.maeworkbench.app.service;

import com.maeworkbench.app.DicomSamples;
import com.maeworkbench.app.state.SliceStack;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.dicom.DicomImage;
import com.maeworkbench.io.dicom.DicomSeries;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.RestorationMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app's DICOM export, headless, on real files (pydicom's CT series, a multi-frame file): one series per
 * method across slices, each slice with its own mask, results on screen written as they are, the CLI's folder
 * layout for frames, cancel, a failing method and a source never overwritten.
 */
class DicomExporterTest {

    @TempDir
    Path dir;
    private final FxStandIn fx = new FxStandIn();
    private final DicomExporter exporter = new DicomExporter(fx);
    private final List<DicomExporter.Progress> progress = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        exporter.close();
        fx.close();
    }

    private static RestorationMethod classical(String id) {
        return Methods.byId(id);
    }

    private DicomExporter.Outcome export(DicomExporter.Plan plan) throws Exception {
        DicomExporter.Outcome o = exporter.start(plan, progress::add).outcome().get(60, TimeUnit.SECONDS);
        fx.run(() -> { }); // the outcome completes on the export thread: let the progress queued on fx arrive first
        return o;
    }

    @Test
    void everySliceOfASeriesBecomesOneSeriesPerMethodWithItsOwnMask() throws Exception {
        Path folder = DicomSamples.ctSeries(dir);
        DicomSeries series = DicomSeries.open(folder, ImageFiles.DEFAULT_MAX_PIXELS);
        SliceStack stack = SliceStack.of(folder, series);
        List<RestorationMethod> methods = List.of(classical("bilinear"), classical("median"));
        // Slice 0 has its result on screen: written as it is (a constant here, so it shows).
        FloatImage first = series.read(0);
        Mask firstMask = MaskShapes.rect(16, 16, 0, 0, 4, 4);
        float[] quarter = first.plane(0).clone();
        for (int p = 0; p < quarter.length; p++) if (firstMask.missing()[p]) quarter[p] = 0.25f;
        FloatImage onScreen = first.withPlanes(new float[][]{quarter});
        List<DicomExporter.SliceJob> jobs = new ArrayList<>();
        for (int i = 0; i < stack.size(); i++) {
            Mask mask = i == 0 ? firstMask : MaskShapes.rect(16, 16, i, i, 4, 4); // a mask of its own on every slice
            jobs.add(new DicomExporter.SliceJob(i, stack.slice(i), mask, i == 0 ? Map.of("bilinear", onScreen) : Map.of()));
        }
        Path out = Files.createDirectory(dir.resolve("out"));
        DicomExporter.Plan plan = new DicomExporter.Plan(methods, jobs, true, false, out);
        DicomExporter.Outcome o = export(plan);
        assertTrue(o.ok(), o.toString());
        assertEquals(10, o.written());
        assertEquals(new DicomExporter.Progress(10, 10, "done"), progress.get(progress.size() - 1));
        assertTrue(progress.get(0).step().startsWith("slice 1 (1 of 5), "), progress.get(0).toString());

        Set<String> seriesUids = new HashSet<>();
        for (RestorationMethod m : methods) {
            String uid = null;
            for (DicomExporter.SliceJob job : jobs) {
                Path file = plan.target(job, m);
                assertEquals(out.resolve(job.source().image().path().getFileName() + "-" + m.id() + ".dcm"), file);
                DicomImage back = DicomImage.open(file, ImageFiles.DEFAULT_MAX_PIXELS);
                if (uid == null) uid = back.seriesUid();
                assertEquals(uid, back.seriesUid(), m.id() + ": one series across the slices");
                FloatImage source = job.source().image().frame(0);
                FloatImage expected = job.restored().getOrDefault(m.id(), m.restore(source, job.mask()));
                FloatImage got = back.frame(0);
                double level = 1.0 / ((1 << source.bitDepth()) - 1);
                for (int p = 0; p < source.pixels(); p++) {
                    if (job.mask().missing()[p]) {
                        assertEquals(expected.plane(0)[p], got.plane(0)[p], level / 2 + 1e-6, m.id() + " slice " + job.index() + " restored pixel " + p);
                    } else {
                        assertEquals(source.plane(0)[p], got.plane(0)[p], 0, m.id() + " slice " + job.index() + " known pixel " + p + " keeps its stored value");
                    }
                }
            }
            seriesUids.add(uid);
        }
        assertEquals(2, seriesUids.size(), "a series per method");
        assertEquals(0.25, DicomImage.open(plan.target(jobs.get(0), methods.get(0)), ImageFiles.DEFAULT_MAX_PIXELS).frame(0).plane(0)[
                jobs.get(0).mask().width() * 2 + 2], 0.5 / 65535, "slice 0's bilinear result is the one on screen");
        assertNoTemporaryFiles(out);
    }

    @Test
    void framesOfOneFileGoIntoTheClisFrameFolders() throws Exception {
        DicomImage file = DicomImage.open(DicomSamples.multiFrame(dir, 3), ImageFiles.DEFAULT_MAX_PIXELS);
        SliceStack stack = SliceStack.of(file);
        Mask mask = MaskShapes.rect(128, 128, 40, 40, 30, 30);
        List<DicomExporter.SliceJob> all = List.of(0, 1, 2).stream().map(i -> new DicomExporter.SliceJob(i, stack.slice(i), mask, Map.of())).toList();
        Path out = Files.createDirectory(dir.resolve("frames"));
        DicomExporter.Plan plan = new DicomExporter.Plan(List.of(classical("gaussian")), all, true, true, out);
        assertTrue(export(plan).ok());
        for (int i = 0; i < 3; i++) {
            Path f = out.resolve(String.format("frame-%04d/ct-frames-gaussian.dcm", i));
            assertEquals(f, plan.target(all.get(i), classical("gaussian")));
            assertEquals(i + 1, DicomImage.open(f, ImageFiles.DEFAULT_MAX_PIXELS).instanceNumber().orElseThrow(), "instance = frame + 1");
        }
        // The slice shown only: STEM-METHOD.dcm in the folder, as restore --frame N --dicom writes it.
        DicomExporter.Plan one = new DicomExporter.Plan(List.of(classical("gaussian")), List.of(all.get(1)), false, false, out);
        assertTrue(export(one).ok());
        assertTrue(Files.isRegularFile(out.resolve("ct-frames-gaussian.dcm")));
    }

    /** Holds each run until interrupted (the MAE checks interrupts like this). */
    private static final class Held implements RestorationMethod {
        @Override
        public String id() {
            return "held";
        }

        @Override
        public String displayName() {
            return "Held";
        }

        @Override
        public FloatImage restore(FloatImage image, Mask mask) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new CancellationException("cancelled");
            }
            return image;
        }
    }

    @Test
    void cancelStopsAtOnceAndKeepsTheFilesWritten() throws Exception {
        Path folder = DicomSamples.ctSeries(dir);
        SliceStack stack = SliceStack.of(folder, DicomSeries.open(folder, ImageFiles.DEFAULT_MAX_PIXELS));
        Mask mask = MaskShapes.rect(16, 16, 2, 2, 4, 4);
        List<DicomExporter.SliceJob> jobs = new ArrayList<>();
        for (int i = 0; i < stack.size(); i++) jobs.add(new DicomExporter.SliceJob(i, stack.slice(i), mask, Map.of()));
        Path out = Files.createDirectory(dir.resolve("cancelled"));
        DicomExporter.Run run = exporter.start(new DicomExporter.Plan(List.of(classical("bilinear"), new Held()), jobs, true, false, out), progress::add);
        fx.await("the held method running", 30, () -> progress.stream().anyMatch(p -> p.step().endsWith("Held")));
        run.cancel();
        DicomExporter.Outcome o = run.outcome().get(10, TimeUnit.SECONDS);
        assertTrue(o.cancelled() && o.error() == null, o.toString());
        assertEquals(1, o.written(), "slice 1's bilinear file");
        assertEquals(10, o.total());
        assertTrue(Files.isRegularFile(out.resolve(stack.file(0).getFileName() + "-bilinear.dcm")));
        assertNoTemporaryFiles(out);
        // The thread is free for the next export.
        assertTrue(export(new DicomExporter.Plan(List.of(classical("bilinear")), jobs.subList(0, 1), false, false, out)).ok());
    }

    @Test
    void aFailingMethodEndsTheExportWithOneLineNamingSliceAndMethod() throws Exception {
        Path folder = DicomSamples.ctSeries(dir);
        SliceStack stack = SliceStack.of(folder, DicomSeries.open(folder, ImageFiles.DEFAULT_MAX_PIXELS));
        RestorationMethod broken = new RestorationMethod() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public String displayName() {
                return "Broken";
            }

            @Override
            public FloatImage restore(FloatImage image, Mask mask) {
                throw new IllegalStateException("the model was closed");
            }
        };
        Mask mask = MaskShapes.rect(16, 16, 2, 2, 4, 4);
        List<DicomExporter.SliceJob> jobs = List.of(new DicomExporter.SliceJob(0, stack.slice(0), mask, Map.of()),
                new DicomExporter.SliceJob(1, stack.slice(1), mask, Map.of()));
        Path out = Files.createDirectory(dir.resolve("failed"));
        DicomExporter.Outcome o = export(new DicomExporter.Plan(List.of(classical("bilinear"), broken), jobs, true, false, out));
        assertFalse(o.ok());
        assertEquals(stack.file(0).getFileName() + ": slice 1 (1 of 2), Broken failed: the model was closed", o.error());
        assertEquals(1, o.written());
    }

    @Test
    void aSourceIsNeverOverwritten() throws Exception {
        // A series whose second file is named like the first one's export.
        Path folder = DicomSamples.ctSeries(dir);
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.sorted().toList();
        }
        Files.move(files.get(0), folder.resolve("a"));
        Files.move(files.get(1), folder.resolve("a-bilinear.dcm"));
        byte[] before = Files.readAllBytes(folder.resolve("a-bilinear.dcm"));
        SliceStack stack = SliceStack.of(folder, DicomSeries.open(folder, ImageFiles.DEFAULT_MAX_PIXELS));
        List<DicomExporter.SliceJob> jobs = new ArrayList<>();
        for (int i = 0; i < stack.size(); i++) jobs.add(new DicomExporter.SliceJob(i, stack.slice(i), MaskShapes.rect(16, 16, 0, 0, 4, 4), Map.of()));
        DicomExporter.Outcome o = export(new DicomExporter.Plan(List.of(classical("bilinear")), jobs, true, false, folder));
        assertEquals("a-bilinear.dcm: refusing to overwrite the opened image; choose another folder", o.error());
        assertEquals(0, o.written(), "checked before anything is written");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(folder.resolve("a-bilinear.dcm"))));
        assertNotEquals(0, before.length);
    }

    private static void assertNoTemporaryFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }
}
