package com.maeworkbench.cli;

import com.maeworkbench.mae.MaeMethod;
import com.maeworkbench.method.Methods;
import com.maeworkbench.method.RestorationMethod;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The methods a command runs, in the order asked for. Owns the MAE and its model session. A method that cannot
 * run here is reported once with its reason and left out; {@link #skippedRequested()} tells whether the
 * user had named it explicitly (the command then exits {@link RestoreCli#PARTIAL}).
 */
final class MethodSet implements AutoCloseable {

    static final List<String> ALL = List.of("mae", "bilinear", "gaussian", "median", "bilateral", "telea", "ns");

    private final List<RestorationMethod> methods = new ArrayList<>();
    private final MaeMethod mae;
    private boolean skippedRequested;

    private MethodSet(MaeMethod mae) {
        this.mae = mae;
    }

    /** Resolves a comma-separated list ({@code null} = every available method). */
    static MethodSet open(String list, CommonOptions common, PrintWriter err) {
        boolean explicit = list != null && !list.isBlank();
        List<String> ids = explicit ? parse(list) : ALL;
        MethodSet set = new MethodSet(ids.contains("mae") ? MaeMethod.load(common.modelPath(), common.parsedDevice()) : null);
        Map<String, RestorationMethod> byId = new LinkedHashMap<>();
        if (set.mae != null) byId.put("mae", set.mae);
        for (RestorationMethod m : Methods.classical()) byId.put(m.id(), m);
        for (String id : ids) {
            RestorationMethod m = byId.get(id);
            String why = m.availability().available() ? null : m.availability().reason();
            if (why == null) {
                set.methods.add(m);
            } else {
                err.println(id + ": unavailable: " + why);
                set.skippedRequested |= explicit;
            }
        }
        err.flush();
        return set;
    }

    private static List<String> parse(String list) {
        List<String> ids = new ArrayList<>();
        for (String raw : list.split(",")) {
            String id = raw.trim().toLowerCase();
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

    boolean skippedRequested() {
        return skippedRequested;
    }

    @Override
    public void close() {
        if (mae != null) mae.close();
    }
}
