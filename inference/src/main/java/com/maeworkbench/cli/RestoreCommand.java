package com.maeworkbench.cli;

import com.maeworkbench.io.ReportFormat;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.io.FloatTiff;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.MaskFiles;
import com.maeworkbench.io.dicom.DicomExport;
import com.maeworkbench.io.dicom.DicomImage;
import com.maeworkbench.mask.Mask;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "restore", description = "Restore one image with each method; write the results and metrics.json to --out.")
final class RestoreCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "PNG, JPEG, TIFF, BMP, PNM or DICOM file.")
    Path image;

    @ArgGroup(exclusive = true, multiplicity = "1")
    MaskOption mask;

    @Option(names = "--uncertainty", description = "Also write <stem>-mae-uncertainty.tif: the MAE's predicted error std per pixel "
            + "(32-bit float, normalised [0,1] units, 0 at known pixels; a few more MAE passes), and its scores in metrics.json.")
    boolean uncertainty;

    @Mixin
    RunOptions run;

    @Mixin
    FrameOptions frames;

    @Mixin
    DicomExportOptions dicom;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    private final Map<String, DicomExport> exports = new HashMap<>();

    @Override
    public Integer call() throws IOException {
        DicomImage source = dicom.dicom || frames.allFrames ? dicomSource() : null;
        if (dicom.dicom) DicomExport.checkSupported(source);
        if (!frames.allFrames) return restore(source, frames.frame, run.out);
        int status = RestoreCli.OK;
        for (int f = 0; f < source.frames(); f++) {
            status = Math.max(status, restore(source, f, run.out.resolve(String.format(Locale.ROOT, "frame-%04d", f))));
        }
        return status;
    }

    /** The source as DICOM, for --all-frames and --dicom; any other format is a usage error. */
    private DicomImage dicomSource() throws ImageFileException {
        try {
            return DicomImage.open(image, common.maxPixels);
        } catch (ImageFileException e) {
            if (!ImageFiles.isDicom(image)) {
                throw new ParameterException(spec.commandLine(), (frames.allFrames ? "--all-frames" : "--dicom") + " needs a DICOM image: " + image);
            }
            throw e;
        }
    }

    private int restore(DicomImage source, int frame, Path out) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        FloatImage original = source != null ? source.frame(frame) : ImageFiles.read(image, frame, common.maxPixels);
        Mask m = mask.resolve(original.width(), original.height());
        List<Timed> results = new ArrayList<>();
        boolean partial;
        UncertaintyOutput uncertain = null;
        String stem = ImageFiles.stem(image), ext = ImageFiles.resultExtension(image);
        try (MethodSet set = MethodSet.open(run.methods, common, err)) {
            for (var method : set.methods()) results.add(Timed.run(method, original, m));
            partial = set.skippedRequested();
            if (uncertainty) {
                Timed mae = results.stream().filter(r -> r.method() == set.mae()).findFirst().orElse(null);
                if (mae == null) throw new IllegalArgumentException("--uncertainty needs the MAE, which did not run");
                uncertain = UncertaintyOutput.compute(set.mae(), original, m, mae.restored(), stem);
            }
        }
        // Everything is computed before the first byte is written: a failure leaves no partial output.
        Files.createDirectories(out);
        MaskFiles.write(m, out.resolve(stem + "-mask.png"));
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"image\": ").append(ReportFormat.jsonString(image.toString())).append(",\n");
        json.append("  \"width\": ").append(original.width()).append(", \"height\": ").append(original.height())
                .append(", \"channels\": ").append(original.channels()).append(", \"bit_depth\": ").append(original.bitDepth()).append(",\n");
        json.append("  \"mask\": ").append(ReportFormat.jsonString(mask.describe())).append(", \"masked_pixels\": ").append(m.count()).append(",\n");
        json.append("  \"psnr_peak\": 1.0,\n  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            Timed r = results.get(i);
            String file = stem + "-" + r.method().id() + "." + ext;
            ImageFiles.write(r.restored(), out.resolve(file));
            if (dicom.dicom) {
                // one series per method, across frames
                DicomExport export = exports.get(r.method().id());
                if (export == null) exports.put(r.method().id(), export = new DicomExport(source, r.method().id(),
                        DicomExportOptions.derivation(r.method()), dicom.anonymise));
                export.write(r.restored(), frame, out.resolve(stem + "-" + r.method().id() + ".dcm"));
            }
            json.append("    {\"method\": ").append(ReportFormat.jsonString(r.method().id()))
                    .append(", \"file\": ").append(ReportFormat.jsonString(file))
                    .append(", \"psnr_masked\": ").append(ReportFormat.jsonNumber(r.metrics().psnrMasked(), 3))
                    .append(", \"psnr_full\": ").append(ReportFormat.jsonNumber(r.metrics().psnrFull(), 3))
                    .append(", \"ssim\": ").append(ReportFormat.jsonNumber(r.metrics().ssim(), 4))
                    .append(", \"millis\": ").append(ReportFormat.jsonNumber(r.metrics().millis(), 1))
                    .append(i + 1 < results.size() ? "},\n" : "}\n");
            stdout.printf(Locale.ROOT, "%-10s PSNR(mask) %7s dB  PSNR(full) %7s dB  SSIM %6s  %8.1f ms  -> %s%n", r.method().id(),
                    ReportFormat.csvNumber(r.metrics().psnrMasked(), 2), ReportFormat.csvNumber(r.metrics().psnrFull(), 2),
                    ReportFormat.csvNumber(r.metrics().ssim(), 4), r.metrics().millis(), out.resolve(file));
        }
        json.append(uncertain == null ? "  ]\n}\n" : "  ],\n  \"uncertainty\": " + uncertain.json() + "\n}\n");
        if (uncertain != null) {
            FloatTiff.write(original.width(), original.height(), uncertain.map().sigma(), out.resolve(uncertain.file()));
            stdout.printf(Locale.ROOT, "%-10s Spearman %s (trivial %s), top 10%% %s x mean (trivial %s), %d passes %.0f ms -> %s%n", "uncertainty",
                    ReportFormat.csvNumber(uncertain.scores().spearman(), 3), ReportFormat.csvNumber(uncertain.scores().spearmanTrivial(), 3),
                    ReportFormat.csvNumber(uncertain.scores().topRatio(), 2), ReportFormat.csvNumber(uncertain.scores().topRatioTrivial(), 2),
                    uncertain.map().passes(), uncertain.map().millis(), out.resolve(uncertain.file()));
            if (!uncertain.map().calibrated()) err.println("uncertainty: " + uncertain.note());
        }
        TextFiles.writeAtomically(out.resolve("metrics.json"), json.toString());
        stdout.flush();
        return partial ? RestoreCli.PARTIAL : RestoreCli.OK;
    }
}
