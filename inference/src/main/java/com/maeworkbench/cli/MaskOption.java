package com.maeworkbench.cli;

import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.MaskFiles;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --mask SPEC} or {@code --mask-file PNG}, exactly one. */
final class MaskOption {

    @Option(names = "--mask", paramLabel = "SPEC", required = true,
            description = "Mask recipe, e.g. patches:ratio=0.75,size=16,seed=1 | strokes:count=6,seed=1 | rect:x=10,y=10,w=64,h=32")
    String spec;

    @Option(names = "--mask-file", paramLabel = "PNG", required = true, description = "Mask image, white = missing, same size as the image.")
    Path file;

    private MaskSpec parsed;

    /** Parses the recipe before any work, so a malformed one is a usage error. */
    void parse(CommandSpec command) {
        if (spec != null) parsed = RestoreCli.usage(command, () -> MaskSpec.parse(spec));
    }

    Mask resolve(int width, int height) throws ImageFileException {
        return parsed != null ? parsed.generate(width, height) : MaskFiles.read(file, width, height);
    }

    String describe() {
        return spec != null ? spec : "file:" + file;
    }
}
