package com.maeworkbench.app;

/**
 * What to do when JavaFX cannot start, from the exception it threw. JavaFX reports these causes only in
 * its messages (all thrown from its toolkit start-up, JavaFX 21 on Linux); the texts matched are theirs.
 */
final class StartupAdvice {

    static final String NO_DISPLAY = "no display to open the window on: run it in a desktop session, set DISPLAY"
            + " (e.g. export DISPLAY=:0), or give it a virtual one with xvfb-run -a (apt-get install xvfb)";
    static final String NO_GTK = "JavaFX needs GTK 3 and the X11 libraries, which are not installed: apt-get install libgtk-3-0"
            + " (Debian/Ubuntu; dnf install gtk3 on Fedora)";
    static final String NO_PIPELINE = "JavaFX found no graphics pipeline: install the OpenGL libraries"
            + " (apt-get install libgl1) or start Java with -Dprism.order=sw";
    static final String NO_JAVAFX = "JavaFX is not on the class path: start java -jar app/target/mae-workbench.jar"
            + " with its lib/ folder next to it, or run ./mvnw -q -pl app -am compile javafx:run";

    private StartupAdvice() {
    }

    /**
     * Advice before JavaFX is touched, or null: on Linux and the BSDs JavaFX 21 draws through X11 (XWayland
     * under Wayland), so without DISPLAY it cannot start, and on a machine with no X libraries at all it would
     * first fail to load them. A glass platform chosen explicitly (Monocle, headless) needs no display.
     */
    static String beforeStart(String osName, String display, String glassPlatform) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        boolean x11 = !os.startsWith("windows") && !os.startsWith("mac");
        return x11 && glassPlatform == null && (display == null || display.isBlank()) ? NO_DISPLAY : null;
    }

    /** One line of advice, or null when {@code e} is not a window-system start failure. */
    static String of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Unable to open DISPLAY")) return NO_DISPLAY;
            if (m.contains("Unable to load glass GTK library")) return NO_GTK;
            if (t instanceof UnsatisfiedLinkError && m.matches("(?s).*(gtk|gdk|X11|xcb|glass|prism).*")) return NO_GTK;
            if (m.contains("no suitable pipeline found")) return NO_PIPELINE;
            if (t instanceof NoClassDefFoundError && m.startsWith("javafx/")) return NO_JAVAFX;
        }
        return null;
    }
}
