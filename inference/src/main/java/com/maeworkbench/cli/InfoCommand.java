package com.maeworkbench.cli;

import com.maeworkbench.mae.ExecutionChoice;
import com.maeworkbench.mae.MaeModel;
import com.maeworkbench.mae.MaeModelException;
import com.maeworkbench.mae.ModelInfo;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.RestorationMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "info", description = "ONNX Runtime version, execution providers and the choice made, model metadata, method availability.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
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
}
