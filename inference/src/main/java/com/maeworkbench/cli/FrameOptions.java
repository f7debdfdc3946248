package com.maeworkbench.cli;

import picocli.CommandLine.Option;

/** Which frame of a multi-frame file (DICOM) to read. */
final class FrameOptions {

    @Option(names = "--frame", paramLabel = "N", defaultValue = "0",
            description = "Frame of a multi-frame DICOM to restore, 0-based (default: ${DEFAULT-VALUE}, the first frame).")
    int frame;

    @Option(names = "--all-frames", description = "Restore every frame of a multi-frame DICOM, one result set per frame in --out/frame-NNNN/.")
    boolean allFrames;
}
