package com.maeworkbench.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the bundled {@code assets/} folder: system property {@code mae.assets}, else the first
 * {@code assets/} under the working directory or its parents, else one next to (or above) the app's jar.
 */
public final class Assets {

    /** One bundled sample, from {@code assets/samples/samples.csv}. */
    public record Sample(Path file, String title, String kind, String source, String licence) {
    }

    private Assets() {
    }

    public static Path root() {
        String prop = System.getProperty("mae.assets");
        if (prop != null) return Path.of(prop);
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(Assets.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath());
        } catch (Exception e) {
            // no code source (unusual class loader): the working directory is enough
        }
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                Path candidate = p.resolve("assets");
                if (Files.isDirectory(candidate.resolve("samples"))) return candidate;
            }
        }
        return Path.of("assets").toAbsolutePath();
    }

    /** The samples listed in {@code samples.csv} whose files exist, in the listed order. */
    public static List<Sample> samples() {
        Path dir = root().resolve("samples");
        List<Sample> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(dir.resolve("samples.csv"));
            for (int i = 1; i < lines.size(); i++) {
                List<String> f = csv(lines.get(i));
                if (f.size() < 5) continue;
                Path file = dir.resolve(f.get(0));
                if (Files.isRegularFile(file)) out.add(new Sample(file, f.get(1), f.get(2), f.get(3), f.get(4)));
            }
        } catch (IOException e) {
            // no catalogue: the gallery is empty and File > Open still works
        }
        return out;
    }

    /** Splits one CSV line, honouring double-quoted fields. */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
