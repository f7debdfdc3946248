package com.maeworkbench.mask;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A textual mask recipe such as {@code patches:ratio=0.75,size=16,seed=1}, {@code strokes:count=6,seed=1},
 * {@code lines:axis=row,every=4,width=1,seed=1} or {@code rect:x=10,y=10,w=64,h=32}; {@link #toString()}
 * returns the text exactly as given. Every value is a number except {@code axis} ({@code row} or {@code col}).
 */
public final class MaskSpec {

    private static final Map<String, Set<String>> KEYS = Map.of(
            "patches", Set.of("ratio", "size", "seed"),
            "strokes", Set.of("count", "seed", "minwidth", "maxwidth"),
            "lines", Set.of("axis", "every", "width", "drop", "seed"),
            "rect", Set.of("x", "y", "w", "h"),
            "ellipse", Set.of("x", "y", "w", "h"));

    private final String text;
    private final String kind;
    private final Map<String, Double> params;
    private final boolean columns;

    private MaskSpec(String text, String kind, Map<String, Double> params, boolean columns) {
        this.text = text;
        this.kind = kind;
        this.params = params;
        this.columns = columns;
    }

    /** Parses a spec; throws {@link IllegalArgumentException} with a one-line reason when it is malformed. */
    public static MaskSpec parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        String kind = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
        Set<String> allowed = KEYS.get(kind);
        if (allowed == null) {
            throw new IllegalArgumentException("mask spec '" + text + "': unknown kind '" + kind + "' (use patches, strokes, lines, rect or ellipse)");
        }
        Map<String, Double> params = new LinkedHashMap<>();
        boolean columns = false;
        if (colon >= 0 && colon < trimmed.length() - 1) {
            for (String pair : trimmed.substring(colon + 1).split(",")) {
                String[] kv = pair.split("=", 2);
                String key = kv[0].trim().toLowerCase(Locale.ROOT);
                if (kv.length != 2 || !allowed.contains(key)) {
                    throw new IllegalArgumentException("mask spec '" + text + "': bad parameter '" + pair + "' (allowed: " + String.join(", ", allowed) + ")");
                }
                if (key.equals("axis")) {
                    String axis = kv[1].trim().toLowerCase(Locale.ROOT);
                    if (!axis.equals("row") && !axis.equals("col")) {
                        throw new IllegalArgumentException("mask spec '" + text + "': axis must be row or col, got '" + kv[1].trim() + "'");
                    }
                    columns = axis.equals("col");
                    continue;
                }
                double value;
                try {
                    value = Double.parseDouble(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("mask spec '" + text + "': '" + kv[1].trim() + "' is not a number");
                }
                // Infinity would become Integer.MAX_VALUE strokes or sizes and never finish.
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("mask spec '" + text + "': '" + kv[1].trim() + "' is not a finite number");
                }
                params.put(key, value);
            }
        }
        if ((kind.equals("rect") || kind.equals("ellipse")) && !params.keySet().containsAll(allowed)) {
            throw new IllegalArgumentException("mask spec '" + text + "': " + kind + " needs x, y, w and h");
        }
        return new MaskSpec(text, kind, params, columns);
    }

    public String kind() {
        return kind;
    }

    /** The mask for an image of the given size. */
    public Mask generate(int width, int height) {
        long seed = (long) get("seed", 1);
        try {
            return switch (kind) {
                case "patches" -> MaskShapes.patches(width, height, get("ratio", 0.5), (int) get("size", 16), seed);
                case "strokes" -> params.containsKey("minwidth") || params.containsKey("maxwidth")
                        ? MaskShapes.strokes(width, height, (int) get("count", 6), get("minwidth", 3), get("maxwidth", Math.max(get("minwidth", 3), 12)), seed)
                        : MaskShapes.strokes(width, height, (int) get("count", 6), seed);
                case "lines" -> MaskShapes.lines(width, height, columns, (int) get("every", 4), (int) get("width", 1), get("drop", 1), seed);
                case "rect" -> MaskShapes.rect(width, height, (int) get("x", 0), (int) get("y", 0), (int) get("w", 0), (int) get("h", 0));
                default -> MaskShapes.ellipse(width, height, (int) get("x", 0), (int) get("y", 0), (int) get("w", 0), (int) get("h", 0));
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mask spec '" + text + "': " + e.getMessage());
        }
    }

    private double get(String key, double fallback) {
        return params.getOrDefault(key, fallback);
    }

    @Override
    public String toString() {
        return text;
    }
}
