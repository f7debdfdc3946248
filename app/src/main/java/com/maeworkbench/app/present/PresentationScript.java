package com.maeworkbench.app.present;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.maeworkbench.app.Assets;
import com.maeworkbench.app.service.AppDirs;
import com.maeworkbench.mask.MaskSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The presentation's steps, from a small JSON file users can edit:
 * <pre>{@code
 * {"steps": [
 *   {"caption": "A photograph, half hidden in 16 px patches",
 *    "image": "astronaut",                          // a bundled sample (file name or its stem), or a path
 *    "mask": "patches:ratio=0.5,size=16,seed=1",    // the core's MaskSpec text, as on the command line
 *    "show": "restored"}                            // restored (default), difference or original
 * ]}
 * }</pre>
 * A relative path is resolved against the steps file's folder. The bundled default is {@value #BUNDLED}; a user's
 * own is {@code presentation.json} in the app's data folder ({@link AppDirs#data()}) or {@code -Dmae.presentation}.
 *
 * @param source the file it was read from, for messages
 */
public record PresentationScript(String source, List<Step> steps) {

    public static final String BUNDLED = "presentation.json";
    private static final Set<String> STEP_FIELDS = Set.of("caption", "image", "mask", "show");

    /** What the panels draw at a step. */
    public enum Show {
        /** the restorations */
        RESTORED,
        /** the difference heatmap |method − original| */
        DIFFERENCE,
        /** the original in every view, as while Space is held */
        ORIGINAL
    }

    /**
     * @param caption one line over the views (may be empty)
     * @param image   the file (or folder) to open
     * @param mask    the mask recipe, checked by {@link MaskSpec#parse}
     */
    public record Step(String caption, Path image, String mask, Show show) {
        public Step {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(mask, "mask");
            Objects.requireNonNull(show, "show");
            caption = caption == null ? "" : caption;
        }
    }

    public PresentationScript {
        steps = List.copyOf(steps);
    }

    /** Where a user's own steps live: {@code -Dmae.presentation}, else {@code presentation.json} in the app's data folder. */
    public static Path userFile() {
        String property = System.getProperty("mae.presentation");
        if (property != null && !property.isBlank()) return Path.of(property.trim());
        return AppDirs.data().resolve(BUNDLED);
    }

    /** The user's steps when there are some ({@link #userFile()}), else the bundled default. */
    public static PresentationScript load(List<Assets.Sample> samples) throws IOException {
        Path user = userFile();
        if (Files.exists(user) || System.getProperty("mae.presentation") != null) return read(user, samples);
        return bundled(samples);
    }

    /** The steps shipped with the app; sample names resolve against the bundled samples. */
    static PresentationScript bundled(List<Assets.Sample> samples) throws IOException {
        try (InputStream in = PresentationScript.class.getResourceAsStream(BUNDLED)) {
            if (in == null) throw new IOException(BUNDLED + " (bundled): missing from the application");
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), BUNDLED + " (bundled)", Assets.root(), samples);
        }
    }

    /**
     * Reads a steps file.
     *
     * @throws IOException one line naming the file and the cause: its line and column for bad JSON, the field
     *                     (e.g. {@code steps[3].mask}) for a bad value
     */
    public static PresentationScript read(Path file, List<Assets.Sample> samples) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Path folder = file.toAbsolutePath().getParent();
            return parse(in, file.toString(), folder, samples);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": file not found", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) throw e;
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static PresentationScript parse(Reader in, String name, Path folder, List<Assets.Sample> samples) throws IOException {
        JsonElement root;
        try {
            // Gson reads leniently: comments are allowed, which helps a hand-edited file.
            root = JsonParser.parseReader(in);
        } catch (JsonParseException e) {
            throw new IOException(name + ": bad JSON: " + syntax(e), e);
        }
        if (!root.isJsonObject()) throw new IOException(name + ": expected an object {\"steps\": [...]}, found " + kind(root));
        JsonObject top = root.getAsJsonObject();
        for (String key : top.keySet()) {
            if (!key.equals("steps")) throw new IOException(name + ": unknown field '" + key + "' (allowed: steps)");
        }
        JsonElement stepsJson = top.get("steps");
        if (stepsJson == null || !stepsJson.isJsonArray() || stepsJson.getAsJsonArray().isEmpty()) {
            throw new IOException(name + ": steps: expected a non-empty array of steps");
        }
        JsonArray array = stepsJson.getAsJsonArray();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = name + ": steps[" + i + "]";
            if (!array.get(i).isJsonObject()) throw new IOException(at + ": expected an object, found " + kind(array.get(i)));
            steps.add(step(array.get(i).getAsJsonObject(), at, folder, samples));
        }
        return new PresentationScript(name, steps);
    }

    private static Step step(JsonObject o, String at, Path folder, List<Assets.Sample> samples) throws IOException {
        for (String key : o.keySet()) {
            if (!STEP_FIELDS.contains(key)) throw new IOException(at + ": unknown field '" + key + "' (allowed: caption, image, mask, show)");
        }
        String caption = text(o, "caption", at, false);
        String imageText = text(o, "image", at, true);
        String mask = text(o, "mask", at, true);
        String showText = text(o, "show", at, false);
        try {
            MaskSpec.parse(mask);
        } catch (IllegalArgumentException e) {
            throw new IOException(at + ".mask: " + e.getMessage(), e);
        }
        Show show = Show.RESTORED;
        if (showText != null) {
            try {
                show = Show.valueOf(showText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IOException(at + ".show: '" + showText + "' is not one of restored, difference, original", e);
            }
        }
        return new Step(caption, image(imageText, at, folder, samples), mask, show);
    }

    /** A bundled sample by file name or stem, else an existing file or folder (relative to the steps file's folder). */
    private static Path image(String text, String at, Path folder, List<Assets.Sample> samples) throws IOException {
        String wanted = text.trim();
        for (Assets.Sample s : samples) {
            String file = s.file().getFileName().toString();
            int dot = file.lastIndexOf('.');
            if (file.equalsIgnoreCase(wanted) || (dot > 0 && file.substring(0, dot).equalsIgnoreCase(wanted))) return s.file();
        }
        Path p;
        try {
            p = Path.of(wanted);
        } catch (InvalidPathException e) {
            p = null;
        }
        if (p != null && !p.isAbsolute() && folder != null) p = folder.resolve(p);
        if (p != null && !wanted.isEmpty() && Files.exists(p)) return p.normalize();
        List<String> ids = samples.stream().map(s -> s.file().getFileName().toString().replaceFirst("\\.[^.]+$", "")).toList();
        throw new IOException(at + ".image: '" + text + "' is neither a bundled sample (" + String.join(", ", ids)
                + ") nor an existing file" + (p == null ? "" : " (" + p + ")"));
    }

    private static String text(JsonObject o, String key, String at, boolean required) throws IOException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            if (required) throw new IOException(at + ": missing field '" + key + "'");
            return null;
        }
        if (!(e instanceof JsonPrimitive p) || !p.isString()) throw new IOException(at + "." + key + ": expected text, found " + kind(e));
        return p.getAsString();
    }

    private static String kind(JsonElement e) {
        if (e.isJsonNull()) return "nothing";
        if (e.isJsonArray()) return "an array";
        if (e.isJsonObject()) return "an object";
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? "text" : p.isNumber() ? "a number " + p : "true/false";
    }

    /** Gson's message without the exception class names it wraps (it says the line, column and path itself). */
    private static String syntax(JsonParseException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause().getMessage() != null) t = t.getCause();
        String m = t.getMessage() == null ? e.toString() : t.getMessage();
        int see = m.indexOf("\nSee ");
        if (see > 0) m = m.substring(0, see); // newer Gson versions append a link to their troubleshooting guide
        return m.replaceFirst("^[\\w.]+(Exception|Error): ", "");
    }
}
