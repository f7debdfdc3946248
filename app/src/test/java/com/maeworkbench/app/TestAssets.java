package com.maeworkbench.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files the tests share: the bundled samples, and the real model (or the core's contract fixture until it lands). */
public final class TestAssets {

    private TestAssets() {
    }

    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("assets"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("assets/ not found above " + Path.of("").toAbsolutePath());
        return p;
    }

    public static Path sample(String name) {
        return repoRoot().resolve("assets/samples").resolve(name);
    }

    /** The shipped model; the core's random-weight contract fixture only while the trained one is not committed yet. */
    public static Path model() {
        Path real = repoRoot().resolve("assets/model/mae.onnx");
        return Files.isRegularFile(real) ? real : repoRoot().resolve("inference/src/test/resources/mae/fixture.onnx");
    }
}
