package com.maeworkbench.app;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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

    /** The columns the gallery needs; others (e.g. {@code sha256_of_source}) are provenance for the repository. */
    static final List<String> COLUMNS = List.of("file", "title", "kind", "source", "licence");
    private static final System.Logger LOG = System.getLogger(Assets.class.getName());

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

    /**
     * The samples listed in {@code samples/samples.csv} whose files exist, in the listed order. A listed file
     * that is missing is logged and left out.
     *
     * @throws IOException naming the catalogue and the cause: missing, unreadable, a column or field missing,
     *                     malformed CSV
     */
    public static List<Sample> samples() throws IOException {
        return samples(root().resolve("samples").resolve("samples.csv"));
    }

    static List<Sample> samples(Path catalogue) throws IOException {
        try {
            return read(catalogue);
        } catch (NoSuchFileException e) {
            throw new IOException(catalogue + ": file not found", e);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // UncheckedIOException: malformed CSV met while iterating; IllegalArgument/State: a bad header line
            Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
            throw new IOException(catalogue + ": " + cause.getMessage(), cause);
        }
    }

    private static List<Sample> read(Path catalogue) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        List<Sample> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(catalogue, StandardCharsets.UTF_8, format)) {
            List<String> header = parser.getHeaderNames();
            List<String> absent = COLUMNS.stream().filter(c -> !header.contains(c)).toList();
            if (!absent.isEmpty()) throw new IOException("the header line has no column " + String.join(", ", absent));
            for (CSVRecord r : parser) {
                if (r.size() != header.size()) {
                    throw new IOException("line " + parser.getCurrentLineNumber() + " has " + r.size() + " fields, the header " + header.size());
                }
                Path file = catalogue.resolveSibling(r.get("file"));
                if (Files.isRegularFile(file)) {
                    out.add(new Sample(file, r.get("title"), r.get("kind"), r.get("source"), r.get("licence")));
                } else {
                    LOG.log(System.Logger.Level.WARNING, catalogue + " lists " + r.get("file") + ", which is missing; left out of the gallery");
                }
            }
        }
        return out;
    }
}
