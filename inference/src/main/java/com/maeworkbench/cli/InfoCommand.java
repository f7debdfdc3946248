package com.maeworkbench.cli;

import com.maeworkbench.mae.ExecutionChoice;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mae.MaeModelException;
import com.maeworkbench.mae.ModelInfo;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.RestorationMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import com.maeworkbench.image.Calibration;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.image.SourceInfo;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;

import java.io.PrintWriter;
import java.util.Locale;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "info", description = "ONNX Runtime version, execution providers and the choice made, model metadata, method availability.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE",
            description = "Also describe this image: format, size, frame, and what decoding did to its values.")
    Path image;

    @Option(names = "--frame", paramLabel = "N", defaultValue = "0", description = "Frame of a multi-frame DICOM IMAGE (default: ${DEFAULT-VALUE}).")
    int frame;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ImageFileException {
        PrintWriter out = spec.commandLine().getOut();
        if (image != null) describe(ImageFiles.read(image, frame, common.maxPixels), out);
        out.println("ONNX Runtime: " + MaeModel.runtimeVersion());
        Path path = common.modelPath();
        int status = RestoreCli.OK;
        try (MaeModel model = MaeModel.open(path, common.parsedDevice())) {
            ExecutionChoice ex = model.execution();
            out.println("Execution providers in this build: " + String.join(", ", ex.availableProviders()));
            out.println("Requested device: " + common.parsedDevice().name().toLowerCase());
            out.println("Chosen provider: " + ex.provider() + " (" + ex.reason() + ")");
            ModelInfo info = model.info();
            out.println("Model: " + info.file());
            out.println("  name " + info.name() + ", version " + info.version() + ", tile " + info.imageSize() + " px, patch " + info.patchSize() + " px");
            out.println("  mask input: " + info.maskDescription());
            out.println("  training: " + info.trainingSummary());
            for (Map.Entry<String, String> e : info.metadata().entrySet()) {
                if (!e.getKey().equals("training_summary")) out.println("  " + e.getKey() + ": " + e.getValue());
            }
        } catch (MaeModelException e) {
            out.println("Model: unavailable: " + e.getMessage());
            status = RestoreCli.PARTIAL;
        }
        for (RestorationMethod m : Methods.classical()) {
            out.println("Method " + m.id() + ": " + (m.availability().available() ? "available" : "unavailable: " + m.availability().reason()));
        }
        out.flush();
        return status;
    }

    /** The image's SourceInfo: one line each, so a user sees every value transform that decoding applied. */
    private void describe(FloatImage img, PrintWriter out) {
        SourceInfo s = img.source();
        out.println("Image: " + image);
        out.println("  " + s.format() + ", " + img.width() + "x" + img.height() + ", " + img.channels() + " channel"
                + (img.channels() == 1 ? "" : "s") + ", " + img.bitDepth() + " bits, frame " + s.frame() + " of " + s.frames()
                + " (0-based)" + (s.alphaDropped() ? ", alpha dropped" : ""));
        Calibration c = img.calibration();
        out.printf(Locale.ROOT, "  values: normalised 0..1 = %.6g..%.6g %s%n", c.toRaw(0), c.toRaw(1), c.unit().isEmpty() ? "(source units)" : c.unit());
        for (String t : s.transforms()) out.println("  " + t);
    }
}
