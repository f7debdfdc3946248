package com.maeworkbench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which methods to run and where the results go: shared by {@code restore} and {@code evaluate}. */
final class RunOptions {

    @Option(names = "--methods", paramLabel = "LIST", description = "Comma-separated: mae,bilinear,gaussian,median,bilateral,telea,ns (default: all available).")
    String methods;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;
}
