package com.maeworkbench.app.service;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log file: where it goes on each platform, what a line looks like, rotation and the tail Help → Show log shows. */
class AppLogTest {

    private static final System.Logger LOG = System.getLogger(AppLogTest.class.getName());

    @AfterEach
    void stop() {
        AppLog.uninstall();
    }

    @Test
    void dataDirectoryPerPlatform() {
        Path home = Path.of("/home/ada");
        assertEquals(Path.of("/home/ada/.local/share/mae-workbench/logs"), AppLog.platformDirectory("Linux", Map.of(), home));
        assertEquals(Path.of("/data/ada/mae-workbench/logs"), AppLog.platformDirectory("Linux", Map.of("XDG_DATA_HOME", "/data/ada"), home));
        // The XDG spec: a relative XDG_DATA_HOME is invalid and ignored.
        assertEquals(Path.of("/home/ada/.local/share/mae-workbench/logs"), AppLog.platformDirectory("Linux", Map.of("XDG_DATA_HOME", "rel"), home));
        assertEquals(Path.of("/home/ada/Library/Logs/MAE Workbench"), AppLog.platformDirectory("Mac OS X", Map.of(), home));
        assertEquals(Path.of("/local/MAE Workbench/logs"), AppLog.platformDirectory("Windows 11", Map.of("LOCALAPPDATA", "/local"), home));
        assertEquals(home.resolve("AppData/Local/MAE Workbench/logs"), AppLog.platformDirectory("Windows 11", Map.of(), home));
    }

    @Test
    void linesGoToTheFileAndTheTailShowsTheNewest(@TempDir Path dir) throws IOException {
        Path logs = dir.resolve("with % sign").resolve("logs"); // FileHandler patterns treat % specially
        AppLog.install(logs, 1 << 20, 2);
        LOG.log(System.Logger.Level.INFO, "model loaded: first line");
        LOG.log(System.Logger.Level.ERROR, "lane failed", new IllegalStateException("boom"));
        Path file = AppLog.currentFile().orElseThrow();
        assertEquals(logs.resolve("workbench.0.log"), file);
        String text = Files.readString(file).replace("\r\n", "\n");
        assertTrue(text.matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO \\[main\\] com\\.maeworkbench\\.app\\.service\\.AppLog: MAE Workbench starting.*"), text);
        assertTrue(text.contains("INFO [main] " + AppLogTest.class.getName() + ": model loaded: first line"), text);
        assertTrue(text.contains("SEVERE [main] " + AppLogTest.class.getName() + ": lane failed\njava.lang.IllegalStateException: boom\n\tat "), text);

        String tail = AppLog.tail(200);
        assertTrue(tail.length() <= 200, tail);
        assertTrue(text.endsWith(tail));
        assertTrue(text.contains("\n" + tail), "the tail starts at a line: " + tail);
    }

    @Test
    void filesRotateAndStayBounded(@TempDir Path dir) throws IOException {
        int limit = 4096, files = 3;
        AppLog.install(dir, limit, files);
        String filler = "x".repeat(100);
        for (int i = 0; i < 1000; i++) LOG.log(System.Logger.Level.INFO, "line " + i + " " + filler);
        List<Path> logs;
        try (Stream<Path> s = Files.list(dir)) {
            logs = s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        assertEquals(List.of(dir.resolve("workbench.0.log"), dir.resolve("workbench.1.log"), dir.resolve("workbench.2.log")), logs);
        for (Path p : logs) assertTrue(Files.size(p) <= limit + 300, p + " is " + Files.size(p) + " bytes");
        assertTrue(Files.readString(dir.resolve("workbench.0.log")).contains("line 999 "), "the newest file has the newest line");
        assertFalse(Files.readString(dir.resolve("workbench.2.log")).contains("line 0 "), "the oldest lines rotated out");
    }

    @Test
    void withoutAFileLogTheTailSaysSo() {
        assertTrue(AppLog.currentFile().isEmpty());
        assertTrue(AppLog.tail(100).startsWith("No log file"));
    }

    @Test
    void anUnwritableFolderLeavesTheTerminalOnly(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "");
        AppLog.install(file.resolve("logs"), 4096, 2); // cannot create a folder under a file
        assertTrue(AppLog.directory().isEmpty());
        LOG.log(System.Logger.Level.INFO, "still fine");
    }
}
