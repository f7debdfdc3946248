package com.maeworkbench.cli;

import com.maeworkbench.io.ImageFiles;
import com.maeworkbench.mae.Device;
import com.maeworkbench.mae.MaeModel;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every subcommand takes. */
final class CommonOptions {

    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            description = "Execution provider for the MAE (default: ${DEFAULT-VALUE}; auto = CUDA when loadable, else CPU).")
    String device;

    @Option(names = "--model", paramLabel = "ONNX", description = "MAE model following assets/README.md (default: the bundled assets/model/mae.onnx).")
    Path model;

    @Option(names = "--max-pixels", paramLabel = "N", description = "Refuse images larger than this many pixels (default: ${DEFAULT-VALUE}).")
    long maxPixels = ImageFiles.DEFAULT_MAX_PIXELS;

    @Option(names = "--verbose", description = "Print stack traces for errors.")
    boolean verbose;

    Path modelPath() {
        return model != null ? model : MaeModel.defaultModelPath();
    }

    Device parsedDevice() {
        return Device.parse(device);
    }
}
