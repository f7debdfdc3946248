package com.maeworkbench.cli;

import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.report.Provenance;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The methods a command runs, in the order asked for. Owns the MAE and its model session. A method that cannot
 * run here is reported once with its reason and left out; {@link #skippedRequested()} tells whether the
 * user had named it explicitly (the command then exits {@link RestoreCli#PARTIAL}).
 */
final class MethodSet implements AutoCloseable {

    private static final String MAE = "mae";

    /** Every method id the CLI knows: the MAE, then {@link Methods#classical()} in display order. */
    static final List<String> ALL = Stream.concat(Stream.of(MAE), Methods.classical().stream().map(RestorationMethod::id)).toList();

    private final List<RestorationMethod> methods = new ArrayList<>();
    private final MaeMethod mae;
    private boolean skippedRequested;

    private MethodSet(MaeMethod mae) {
        this.mae = mae;
    }

    /** Resolves ids from {@link #parse} ({@code null} = every available method). */
    static MethodSet open(List<String> requested, CommonOptions common, PrintWriter err) {
        List<String> ids = requested != null ? requested : ALL;
        MethodSet set = new MethodSet(ids.contains(MAE) ? MaeMethod.load(common.modelPath(), common.parsedDevice()) : null);
        Map<String, RestorationMethod> byId = new LinkedHashMap<>();
        if (set.mae != null) byId.put(MAE, set.mae);
        for (RestorationMethod m : Methods.classical()) byId.put(m.id(), m);
        for (String id : ids) {
            RestorationMethod m = byId.get(id);
            String why = m.availability().available() ? null : m.availability().reason();
            if (why == null) {
                set.methods.add(m);
            } else {
                err.println(id + ": unavailable: " + why);
                set.skippedRequested |= requested != null;
            }
        }
        err.flush();
        return set;
    }

    /** A comma-separated list as ids; null for a missing or blank list (every method). */
    static List<String> parse(String list) {
        if (list == null || list.isBlank()) return null;
        List<String> ids = new ArrayList<>();
        for (String raw : list.split(",")) {
            String id = raw.trim().toLowerCase(Locale.ROOT);
            if (id.isEmpty()) continue;
            if (!ALL.contains(id)) {
                throw new IllegalArgumentException("unknown method '" + raw.trim() + "' (choose from " + String.join(",", ALL) + ")");
            }
            if (!ids.contains(id)) ids.add(id);
        }
        if (ids.isEmpty()) throw new IllegalArgumentException("--methods names no method");
        return ids;
    }

    List<RestorationMethod> methods() {
        return methods;
    }

    /** The MAE when it was asked for and loaded, else null. */
    MaeMethod mae() {
        return mae != null && mae.availability().available() ? mae : null;
    }

    /** What produced this set's numbers: the MAE's model and provider when it runs. */
    Provenance provenance() {
        MaeMethod m = mae();
        return m == null ? Provenance.collect(null, null) : Provenance.collect(m.info(), m.execution());
    }

    boolean skippedRequested() {
        return skippedRequested;
    }

    @Override
    public void close() {
        if (mae != null) mae.close();
    }
}
