package com.maeworkbench.bench;

import com.maeworkbench.io.ImageFiles;

import java.nio.file.Path;

/** Writes {@link SyntheticImage} as an 8-bit RGB PNG: {@code WriteSynthetic WIDTH HEIGHT FILE} (the CLI memory check's input). */
public final class WriteSynthetic {

    private WriteSynthetic() {
    }

    public static void main(String[] args) throws Exception {
        ImageFiles.write(SyntheticImage.rgb(Integer.parseInt(args[0]), Integer.parseInt(args[1]), 1), Path.of(args[2]));
    }
}
