package com.maeworkbench.cli;

import com.google.gson.JsonObject;
import com.maeworkbench.io.ImageFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.maeworkbench.cli.RestoreCliTest.cli;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bundled samples, wherever the tests run from. */
final class SameScoreSamples {
    static Path path(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("assets/samples"))) p = p.getParent();
        return p.resolve("assets/samples").resolve(name);
    }
}

/** Help, version and exit codes of every command, the warning for a mask that hides everything, and the files' permissions. */
class CliBehaviourTest {

    @TempDir
    static Path dir;
    static Path image;

    @BeforeAll
    static void image() throws IOException {
        image = dir.resolve("a.png");
        ImageFiles.write(SelfTestCommand.syntheticImage(64, 48), image);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "restore", "evaluate", "info", "self-test"})
    void everyCommandHasHelpAndVersionWithExitZero(String command) {
        for (String flag : List.of("--help", "-h", "--version", "-V")) {
            RestoreCliTest.Run r = command.isEmpty() ? cli(flag) : cli(command, flag);
            assertEquals(0, r.exit(), command + " " + flag + ": " + r.err());
            assertEquals("", r.err(), command + " " + flag);
            if (flag.startsWith("--h") || flag.equals("-h")) {
                assertTrue(r.out().startsWith("Usage: restore-cli" + (command.isEmpty() ? "" : " " + command)), r.out());
                assertTrue(r.out().contains("64") || !command.isEmpty(), "the top-level help lists the exit codes: " + r.out());
            } else {
                assertTrue(r.out().matches("restore-cli 0\\.1\\.0 \\(commit [^)]+\\)\\R"), r.out());
            }
        }
    }

    @Test
    void usageErrorsExitSixtyFourWithAHint() {
        RestoreCliTest.Run missing = cli("restore", image.toString());
        assertEquals(RestoreCli.USAGE, missing.exit());
        assertTrue(missing.err().startsWith("error: ") && missing.err().contains("Try 'restore-cli restore --help'"), missing.err());
        assertEquals(2, missing.err().lines().count(), missing.err());

        RestoreCliTest.Run unknownOption = cli("evaluate", "--frobnicate");
        assertEquals(RestoreCli.USAGE, unknownOption.exit(), unknownOption.err());

        RestoreCliTest.Run spec = cli("restore", image.toString(), "--mask", "patches:ratio=abc", "--out", dir.resolve("x").toString());
        assertEquals(RestoreCli.USAGE, spec.exit());
        assertTrue(spec.err().contains("'abc' is not a number"), spec.err());
        RestoreCliTest.Run method = cli("restore", image.toString(), "--mask", "rect:x=1,y=1,w=2,h=2", "--methods", "magic", "--out", dir.resolve("y").toString());
        assertEquals(RestoreCli.USAGE, method.exit());
        assertTrue(method.err().contains("unknown method 'magic'"), method.err());
        RestoreCliTest.Run evalSpec = cli("evaluate", "--images", dir.toString(), "--mask", "blobs:n=3", "--out", dir.resolve("z").toString());
        assertEquals(RestoreCli.USAGE, evalSpec.exit());
        assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("y")) || Files.exists(dir.resolve("z")), "nothing written");

        RestoreCliTest.Run none = cli();
        assertEquals(RestoreCli.USAGE, none.exit());
        assertTrue(none.err().contains("choose a command"), none.err());
    }

    @Test
    void aMaskThatHidesEverythingIsWarnedAndFlagged() throws IOException {
        Path out = dir.resolve("all");
        RestoreCliTest.Run r = cli("restore", image.toString(), "--mask", "rect:x=0,y=0,w=64,h=48", "--methods", "bilinear,telea", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> warnings = r.err().lines().filter(l -> l.startsWith("warning: ")).toList();
        assertEquals(1, warnings.size(), r.err());
        assertTrue(warnings.get(0).contains("a.png") && warnings.get(0).contains("100.0%"), warnings.get(0));
        JsonObject json = RestoreCliTest.json(out.resolve("metrics.json"));
        assertTrue(json.getAsJsonObject("metrics").get("flagged").getAsBoolean());
        assertEquals(warnings.get(0).substring(warnings.get(0).indexOf(": ", 9) + 2), json.getAsJsonObject("metrics").get("warning").getAsString());
        assertFalse(json.getAsJsonObject("ranking").get("valid").getAsBoolean());
        assertTrue(json.getAsJsonArray("results").get(0).getAsJsonObject().get("rank").isJsonNull(), "no rank on a flagged mask");
        assertTrue(r.out().contains("no ranking: the mask hides 100.0%"), r.out());
    }

    /** Issue 9's cases: a 64x64 MR slice masked by a 64x64 rectangle is flagged; the CT slice's bilinear score is on its own range. */
    @Test
    void mrSliceMaskedEntirelyIsFlagged() throws IOException {
        Path mr = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files/MR_small.dcm");
        boolean required = "1".equals(System.getenv("MAE_REQUIRE_DICOM_TOOLS")); // set by .ci/run: fail there, never skip
        assertTrue(Files.exists(mr) || !required, mr + " missing; MAE_REQUIRE_DICOM_TOOLS=1 requires python3-pydicom");
        assumeTrue(Files.exists(mr), "needs Debian's python3-pydicom test files (CI installs them)");
        Path out = dir.resolve("mr");
        RestoreCliTest.Run r = cli("restore", mr.toString(), "--mask", "rect:x=0,y=0,w=64,h=64", "--methods", "bilinear", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning: " + mr + ": the mask hides 100.0%"), r.err());
        assertTrue(RestoreCliTest.json(out.resolve("metrics.json")).getAsJsonObject("metrics").get("flagged").getAsBoolean());
    }

    @Test
    void ctSliceBilinearScoresOnTheDataRangeNotTheContainers() throws IOException {
        Path ct = SameScoreSamples.path("ct-small.dcm"), out = dir.resolve("ct");
        RestoreCliTest.Run r = cli("restore", ct.toString(), "--mask", "patches:ratio=0.5,size=16,seed=1", "--methods", "bilinear", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonObject bilinear = RestoreCliTest.json(out.resolve("metrics.json")).getAsJsonArray("results").get(0).getAsJsonObject();
        assertEquals(21.8, bilinear.get("psnr_masked").getAsDouble(), 0.1, "on the CT's own value range");
        assertEquals(51.9, bilinear.get("psnr_masked_bitdepth").getAsDouble(), 0.1, "what it read before: peak 1.0 on 16-bit values");
    }

    @Test
    void outputFilesGetTheUmasksPermissions() throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"));
        Path probe = Files.createFile(dir.resolve("probe")); // what open(O_CREAT, 0666) gives under this JVM's umask
        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(probe));
        Path out = dir.resolve("perms");
        assertEquals(0, cli("restore", image.toString(), "--mask", "rect:x=4,y=4,w=8,h=8", "--methods", "bilinear", "--sheet", "--out", out.toString()).exit());
        try (Stream<Path> files = Files.list(out)) {
            List<Path> written = files.toList();
            assertEquals(4, written.size(), "result, mask, metrics.json and sheet: " + written);
            for (Path f : written) assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
        var sheet = ImageFiles.read(out.resolve("a-comparison.png"), ImageFiles.DEFAULT_MAX_PIXELS); // --sheet: <stem>-comparison.png
        assertTrue(sheet.width() >= 900 && sheet.channels() == 3, sheet.width() + "x" + sheet.height());
    }

    /** The bar of issue 10, end to end: a CLI started under umask 022 writes files others can read (0644), not 0600. */
    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void underUmask022ResultsAreReadableByOthers() throws Exception {
        Path out = dir.resolve("umask022");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "umask 022 && exec \"$0\" -cp \"$1\" com.maeworkbench.cli.RestoreCli restore \"$2\" --mask rect:x=4,y=4,w=8,h=8 --methods bilinear --out \"$3\"";
        Process p = new ProcessBuilder("/bin/sh", "-c", command, java, System.getProperty("java.class.path"), image.toString(), out.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the CLI finishes");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        for (String name : List.of("a-bilinear.png", "a-mask.png", "metrics.json")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(name))), name);
        }
    }
}
