package com.maeworkbench.app.service;

/** How the services put a failure into one line for the user; the log gets the whole exception. */
final class Failures {

    private Failures() {
    }

    /** What went wrong and, for errors, what to do about it. */
    static String reason(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory: this needs more than the " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB of heap the app may use (start it with a larger -Xmx, or open a smaller image)";
        }
        String m = e.getMessage() == null ? "" : e.getMessage().strip().replaceAll("\\s+", " ");
        if (e instanceof Error) return "internal error (" + e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m) + "); details in Help → Show log";
        return m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
}
