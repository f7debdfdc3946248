package com.maeworkbench.app.service;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where the app keeps a user's files: the platform's place for an application's data. */
public final class AppDirs {

    private AppDirs() {
    }

    /**
     * {@code %LOCALAPPDATA%\MAE Workbench} on Windows, {@code ~/Library/Application Support/MAE Workbench} on
     * macOS, {@code $XDG_DATA_HOME/mae-workbench} (default {@code ~/.local/share}) elsewhere.
     */
    public static Path data() {
        return data(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path data(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local");
            return base.resolve("MAE Workbench");
        }
        if (os.startsWith("mac")) return home.resolve("Library").resolve("Application Support").resolve("MAE Workbench");
        // The XDG base directory spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        String xdg = env.get("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return data.resolve("mae-workbench");
    }
}
