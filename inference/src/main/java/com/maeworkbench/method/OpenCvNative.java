package com.maeworkbench.method;

import org.opencv.core.Core;

import java.nio.file.Path;

/**
 * Loads the OpenCV natives once, on first use: from the folder named by the system property
 * {@code opencv.native.path} when set (installers ship the library unpacked there), otherwise from the
 * copy bundled in {@code org.openpnp:opencv}, which extracts it to a temporary folder. A failure is kept
 * as an unavailable {@link Availability} with its reason, so the methods that need OpenCV report it and
 * everything else keeps working.
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
                String dir = System.getProperty("opencv.native.path");
                if (dir != null) {
                    System.load(Path.of(dir, System.mapLibraryName(Core.NATIVE_LIBRARY_NAME)).toAbsolutePath().toString());
                } else {
                    nu.pattern.OpenCV.loadLocally();
                }
                return Availability.AVAILABLE;
            } catch (RuntimeException | LinkageError e) {
                return Availability.unavailable("OpenCV natives could not be loaded: " + e);
            }
        }
    }
}
