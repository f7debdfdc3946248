package com.maeworkbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The workbench's version and the git commit it was built from, baked in at build time (the filtered
 * {@code build.properties} next to this class). Built from a source tree without git the commit is
 * {@code "unknown"}.
 *
 * @param dirty whether the working tree had uncommitted changes to tracked files when it was built
 */
public record BuildInfo(String version, String commit, boolean dirty) {

    public static final String UNKNOWN = "unknown";

    private static final BuildInfo CURRENT = load();

    public static BuildInfo current() {
        return CURRENT;
    }

    /** e.g. {@code 0.1.0 (commit 1a2b3c4d5e6f, modified)}. */
    public String describe() {
        if (commit.equals(UNKNOWN)) return version + " (commit unknown)";
        return version + " (commit " + commit.substring(0, Math.min(12, commit.length())) + (dirty ? ", modified" : "") + ")";
    }

    private static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("build.properties unreadable", e);
        }
        String commit = value(p, "commit");
        return new BuildInfo(value(p, "version"), commit, !commit.equals(UNKNOWN) && Boolean.parseBoolean(p.getProperty("dirty")));
    }

    /** A property as filtered by Maven; an unresolved placeholder or an empty value is unknown. */
    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").trim();
        return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    }
}
