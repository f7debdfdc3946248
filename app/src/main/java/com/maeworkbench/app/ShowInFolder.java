package com.maeworkbench.app;

import java.awt.Desktop;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Shows a saved file in the platform's file manager: selected in Explorer or Finder, its folder opened
 * through xdg-open on Linux; the AWT Desktop where none of those is there.
 */
final class ShowInFolder {

    private ShowInFolder() {
    }

    /** The command that shows {@code target} on {@code os} (the {@code os.name} property), or null to use AWT. */
    static List<String> command(String os, Path target, boolean xdgOpen) {
        Path abs = target.toAbsolutePath();
        String name = os.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) return List.of("explorer.exe", "/select," + abs);
        if (name.startsWith("mac")) return List.of("open", "-R", abs.toString());
        Path folder = Files.isDirectory(abs) || abs.getParent() == null ? abs : abs.getParent();
        return xdgOpen ? List.of("xdg-open", folder.toString()) : null;
    }

    /** Starts the file manager; throws with a one-line cause when there is no way to. */
    static void open(Path target) throws IOException {
        List<String> cmd = command(System.getProperty("os.name", ""), target, onPath("xdg-open"));
        if (cmd != null) {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return;
        }
        Path folder = Files.isDirectory(target) ? target : target.toAbsolutePath().getParent();
        if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            throw new IOException("no file manager to show " + folder + " (install xdg-utils)");
        }
        Desktop.getDesktop().open(folder.toFile());
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
