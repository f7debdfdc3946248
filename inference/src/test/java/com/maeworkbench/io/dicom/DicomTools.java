package com.maeworkbench.io.dicom;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's DICOM tools for the tests: pydicom's test files (python3-pydicom), gdcmconv (libgdcm-tools) and
 * dciodvfy (dicom3tools). Locally a missing one skips its tests with a message; where
 * {@code MAE_REQUIRE_DICOM_TOOLS=1} (set by .ci/run) it fails them, so CI cannot pass by skipping.
 */
final class DicomTools {

    static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    static final String PYTHON = "/usr/bin/python3";

    private DicomTools() {
    }

    static void require(boolean present, String what) {
        if (present) return;
        String message = what + " is not installed (apt-get install python3-pydicom libgdcm-tools dicom3tools)";
        if ("1".equals(System.getenv("MAE_REQUIRE_DICOM_TOOLS"))) fail(message + "; MAE_REQUIRE_DICOM_TOOLS=1 requires it");
        Assumptions.assumeTrue(false, message);
    }

    static Path pydicomFiles() {
        require(Files.isDirectory(PYDICOM_FILES), "python3-pydicom's test files");
        return PYDICOM_FILES;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** Runs a tool; returns its standard output and error together, failing the test on a non-zero exit. */
    static String run(String... command) throws IOException, InterruptedException {
        return run(true, command);
    }

    /** For tools whose exit status is not their verdict (dciodvfy exits non-zero on warnings). */
    static String runAllowingFailure(String... command) throws IOException, InterruptedException {
        return run(false, command);
    }

    private static String run(boolean checked, String... command) throws IOException, InterruptedException {
        require(onPath(command[0]) || Files.isExecutable(Path.of(command[0])), command[0]);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (checked && p.exitValue() != 0) fail(String.join(" ", command) + " exited " + p.exitValue() + ": " + text);
        return text;
    }

    /** {@code gdcmconv OPTIONS in out}: a twin of {@code in} in another transfer syntax. */
    static Path gdcmconv(Path in, Path out, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gdcmconv"));
        command.addAll(List.of(options));
        command.add(in.toString());
        command.add(out.toString());
        run(command.toArray(String[]::new));
        return out;
    }
}
