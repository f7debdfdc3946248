package com.maeworkbench.app.service;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The app's log. Code logs through {@link System.Logger}; {@link #install()} sends those records (and the
 * JDK's and JavaFX's, which use the same backend, java.util.logging) to a size-bounded, rotated file in the
 * user's data directory, and keeps the terminal for warnings and errors. Help → Show log reads it back.
 */
public final class AppLog {

    /** Rotation: at most {@link #FILES} files of {@link #LIMIT_BYTES} each, {@code workbench.0.log} the newest. */
    static final int LIMIT_BYTES = 1 << 20;
    static final int FILES = 5;
    private static final String PATTERN = "workbench.%g.log";
    private static final System.Logger LOG = System.getLogger(AppLog.class.getName());

    private static Handler handler;     // guarded by AppLog.class
    private static Thread.UncaughtExceptionHandler previousUncaught; // guarded by AppLog.class
    private static volatile Path directory;

    private AppLog() {
    }

    /**
     * Where the log goes: system property {@code mae.log.dir}, else the platform's place for an app's data:
     * {@code %LOCALAPPDATA%\MAE Workbench\logs} on Windows, {@code ~/Library/Logs/MAE Workbench} on macOS,
     * {@code $XDG_DATA_HOME/mae-workbench/logs} (default {@code ~/.local/share}) elsewhere.
     */
    public static Path defaultDirectory() {
        String property = System.getProperty("mae.log.dir");
        if (property != null && !property.isBlank()) return Path.of(property.trim()).toAbsolutePath();
        return platformDirectory(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path platformDirectory(String osName, Map<String, String> env, Path home) {
        if (osName.toLowerCase(Locale.ROOT).startsWith("mac")) return home.resolve("Library").resolve("Logs").resolve("MAE Workbench");
        return AppDirs.data(osName, env, home).resolve("logs");
    }

    /** Starts the file log in {@link #defaultDirectory()}; once per process, later calls do nothing. */
    public static void install() {
        install(defaultDirectory(), LIMIT_BYTES, FILES);
    }

    /**
     * Starts the file log in {@code dir}. When the file cannot be opened (read-only home, full disk), says so
     * on stderr in one line and carries on with the terminal only: a log must never stop the app.
     */
    static synchronized void install(Path dir, int limitBytes, int files) {
        if (handler != null) return;
        Logger root = Logger.getLogger("");
        try {
            Files.createDirectories(dir);
            // FileHandler patterns treat % specially; a folder name may contain one.
            FileHandler file = new FileHandler(dir.toString().replace("%", "%%") + "/" + PATTERN, limitBytes, files, true);
            file.setEncoding(StandardCharsets.UTF_8.name());
            file.setFormatter(new OneLine());
            file.setLevel(Level.INFO);
            root.addHandler(file);
            handler = file;
            directory = dir;
        } catch (IOException | RuntimeException e) {
            System.err.println("mae-workbench: no log file in " + dir + " (" + e.getMessage() + "); logging to the terminal only");
            return;
        }
        // The terminal keeps warnings and errors; the routine lines (model loads, exports) go to the file only,
        // and so does JavaFX's warning that it was loaded from the class path, which the jar layout does on purpose.
        for (Handler h : root.getHandlers()) {
            if (!(h instanceof ConsoleHandler)) continue;
            h.setLevel(Level.WARNING);
            h.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
        }
        previousUncaught = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) ->
                LOG.log(System.Logger.Level.ERROR, "uncaught in thread " + t.getName() + ": " + e, e));
        LOG.log(System.Logger.Level.INFO, "MAE Workbench starting: Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + "), " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, max heap " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB, log in " + dir);
    }

    /** Writes an error to the log file only, for a failure the terminal was already told about in its own words. */
    public static synchronized void fileOnly(String message, Throwable thrown) {
        if (handler == null) return;
        LogRecord r = new LogRecord(Level.SEVERE, message);
        r.setLoggerName(AppLog.class.getName());
        r.setThrown(thrown);
        handler.publish(r);
        handler.flush();
    }

    /** Stops the file log and puts the terminal and uncaught-exception handling back (tests); {@link #install} may start it again. */
    static synchronized void uninstall() {
        if (handler == null) return;
        Logger root = Logger.getLogger("");
        root.removeHandler(handler);
        handler.close();
        handler = null;
        directory = null;
        for (Handler h : root.getHandlers()) {
            if (!(h instanceof ConsoleHandler)) continue;
            h.setLevel(Level.INFO);
            h.setFilter(null);
        }
        Thread.setDefaultUncaughtExceptionHandler(previousUncaught);
    }

    /** The folder the log is written to, empty when no file log was started. */
    public static Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /**
     * The log file written last (two instances of the app each write their own, JUL suffixes the second one's
     * name; the newest is the one the user is asking about).
     */
    public static Optional<Path> currentFile() {
        Path dir = directory;
        if (dir == null) return Optional.empty();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("workbench\\.0\\.log(\\.\\d+)?"))
                    .max(Comparator.comparing(AppLog::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The end of the current log, at most {@code maxBytes} of it from the start of a line, for display; a
     * sentence saying why when there is none.
     */
    public static String tail(int maxBytes) {
        Optional<Path> file = currentFile();
        if (file.isEmpty()) return "No log file: the file log was not started (see stderr).";
        try (RandomAccessFile f = new RandomAccessFile(file.get().toFile(), "r")) {
            long start = Math.max(0, f.length() - maxBytes);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int firstLine = start == 0 ? 0 : text.indexOf('\n') + 1;
            return text.substring(firstLine);
        } catch (IOException e) {
            return "Cannot read " + file.get() + ": " + e.getMessage();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }

    /** {@code 2026-01-31 12:00:00.123 WARNING [thread] logger: message}, then the stack trace if any. */
    static final class OneLine extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder(160);
            sb.append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ').append(r.getLevel().getName())
                    .append(" [").append(Thread.currentThread().getName()).append("] ")
                    .append(r.getLoggerName()).append(": ").append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                sb.append(trace);
            }
            return sb.toString();
        }
    }
}
