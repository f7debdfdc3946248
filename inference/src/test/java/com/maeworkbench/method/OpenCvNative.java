package com.maeworkbench.method;

/**
 * Loads the OpenCV natives bundled in {@code org.openpnp:opencv} (extracted to a temporary folder) once, on first
 * use, for the reference {@link OpenCvInpaint} in tests and benchmarks; the workbench itself does not use OpenCV.
 * A failure is kept as an unavailable {@link Availability} with its reason, so the reference tests skip with it.
 */
public final class OpenCvNative {

    private OpenCvNative() {
    }

    /** Whether OpenCV is loaded (loading it on the first call; thread-safe). */
    public static Availability availability() {
        return Holder.STATUS;
    }

    // The JVM initialises the holder class once, on first access, under its class-init lock.
    private static final class Holder {
        static final Availability STATUS = load();

        private static Availability load() {
            try {
                nu.pattern.OpenCV.loadLocally();
                return Availability.AVAILABLE;
            } catch (RuntimeException | LinkageError e) {
                return Availability.unavailable("OpenCV natives could not be loaded: " + e);
            }
        }
    }
}
