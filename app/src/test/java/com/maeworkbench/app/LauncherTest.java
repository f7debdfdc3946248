package com.maeworkbench.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A start without a window system says in one line what to set or install; the details go to the log. */
class LauncherTest {

    @Test
    void noDisplayGivesOneLineOfAdviceAndExitStatus1(@TempDir Path logs) throws Exception {
        List<String> err = launch(logs, null);
        assertEquals(List.of("mae-workbench: " + StartupAdvice.NO_DISPLAY), err, "one line, no stack trace");
    }

    @Test
    void anUnreachableDisplayGivesOneLineAndTheTraceGoesToTheLog(@TempDir Path logs) throws Exception {
        // JavaFX itself fails here: at the display, or before it where the X11/GTK libraries are missing (CI).
        List<String> err = launch(logs, ":4097");
        assertEquals(1, err.size(), "one line, no stack trace:\n" + String.join("\n", err));
        assertTrue(err.get(0).equals("mae-workbench: " + StartupAdvice.NO_DISPLAY) || err.get(0).equals("mae-workbench: " + StartupAdvice.NO_GTK), err.get(0));
        String log = Files.readString(logs.resolve("workbench.0.log"));
        assertTrue(log.contains("SEVERE [main] com.maeworkbench.app.service.AppLog: the window system did not start: "), log);
        assertTrue(log.contains("java.lang.UnsupportedOperationException: Unable to open DISPLAY") || log.contains("UnsatisfiedLinkError"),
                "the trace is in the log: " + log);
    }

    /** Runs the launcher as the README's command and the jar do (the real GTK glass, not the tests' Monocle); its stderr lines. */
    private static List<String> launch(Path logs, String display) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dmae.log.dir=" + logs, "-Dmae.assets=" + TestAssets.repoRoot().resolve("assets"), Launcher.class.getName());
        pb.environment().remove("WAYLAND_DISPLAY");
        if (display == null) pb.environment().remove("DISPLAY");
        else pb.environment().put("DISPLAY", display);
        Path out = logs.resolve("stdout.txt"), err = logs.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher gives up promptly");
        List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), String.join("\n", lines));
        assertEquals("", Files.readString(out));
        return lines;
    }

    @Test
    void adviceForEachWayJavaFxFailsToStart() {
        // The messages JavaFX 21 throws (seen on Linux: no DISPLAY; GTK or X11 made unloadable with LD_LIBRARY_PATH).
        assertEquals(StartupAdvice.NO_DISPLAY, StartupAdvice.of(new UnsupportedOperationException("Unable to open DISPLAY")));
        assertEquals(StartupAdvice.NO_GTK, StartupAdvice.of(new UnsupportedOperationException("Unable to load glass GTK library.")));
        assertEquals(StartupAdvice.NO_GTK, StartupAdvice.of(new UnsatisfiedLinkError("libgtk-3.so.0: cannot open shared object file")));
        assertEquals(StartupAdvice.NO_PIPELINE, StartupAdvice.of(new RuntimeException("Error initializing QuantumRenderer: no suitable pipeline found")));
        assertEquals(StartupAdvice.NO_JAVAFX, StartupAdvice.of(new NoClassDefFoundError("javafx/application/Application")));
        assertEquals(StartupAdvice.NO_DISPLAY, StartupAdvice.of(new RuntimeException("wrapped", new UnsupportedOperationException("Unable to open DISPLAY"))));
        assertEquals(StartupAdvice.NO_GTK, StartupAdvice.of(new RuntimeException(new UnsatisfiedLinkError("no glass in java.library.path: /usr/lib"))));
        assertNull(StartupAdvice.of(new RuntimeException("Exception in Application start method", new IOException("a bug of ours"))));
    }

    @Test
    void displayCheckedBeforeJavaFxWhereItDrawsThroughX11() {
        assertEquals(StartupAdvice.NO_DISPLAY, StartupAdvice.beforeStart("Linux", null, null));
        assertEquals(StartupAdvice.NO_DISPLAY, StartupAdvice.beforeStart("FreeBSD", " ", null));
        assertNull(StartupAdvice.beforeStart("Linux", ":0", null));
        assertNull(StartupAdvice.beforeStart("Linux", null, "Monocle"), "a headless glass needs no display");
        assertNull(StartupAdvice.beforeStart("Windows 11", null, null));
        assertNull(StartupAdvice.beforeStart("Mac OS X", null, null));
    }
}
