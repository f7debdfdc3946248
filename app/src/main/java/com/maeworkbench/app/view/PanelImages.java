package com.maeworkbench.app.view;

import com.maeworkbench.app.service.PerfLog;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import javafx.collections.MapChangeListener;

import java.util.HashMap;
import java.util.Map;

/**
 * The rendered pixels behind every panel, kept in step with the state: the original, one image per
 * method (restored or difference heatmap) and the mask overlay. Panels only bind to these.
 */
public final class PanelImages {

    private final WorkbenchState state;
    private final PerfLog perf;
    private final RenderedImage original = new RenderedImage();
    private final MaskOverlay overlay = new MaskOverlay();
    private final RenderedImage uncertainty = new RenderedImage();
    private final Map<String, RenderedImage> methods = new HashMap<>();
    private final Map<String, FloatImage> drawn = new HashMap<>();

    public PanelImages(WorkbenchState state, PerfLog perf) {
        this.state = state;
        this.perf = perf;
        state.imageProperty().addListener((o, a, b) -> {
            drawn.clear();
            methods.values().forEach(RenderedImage::clear);
            uncertainty.clear();
            redrawOriginal();
        });
        state.uncertaintyProperty().addListener((o, a, b) -> redrawUncertainty());
        state.windowProperty().addListener((o, a, b) -> redrawAll());
        state.viewModeProperty().addListener((o, a, b) -> redrawAll());
        state.maskChangeProperty().addListener((o, a, c) -> {
            long t0 = System.nanoTime();
            overlay.update(state.getMask(), c.region());
            perf.fx("mask overlay", t0);
        });
        state.results().addListener((MapChangeListener<String, MethodResult>) c -> {
            if (c.wasAdded()) draw(c.getValueAdded(), false);
        });
    }

    public PerfLog perf() {
        return perf;
    }

    RenderedImage original() {
        return original;
    }

    MaskOverlay overlay() {
        return overlay;
    }

    RenderedImage method(String id) {
        return methods.computeIfAbsent(id, k -> new RenderedImage());
    }

    /** The render for a panel id: the original for the two input panels, the uncertainty map, else the method's. */
    RenderedImage forPanel(String id) {
        if (WorkbenchState.UNCERTAINTY.equals(id)) return uncertainty;
        return WorkbenchState.ORIGINAL.equals(id) || WorkbenchState.MASKED.equals(id) ? original : method(id);
    }

    /** The uncertainty map as a heatmap on the difference heatmap's scale (it follows window/level the same way). */
    private void redrawUncertainty() {
        var u = state.uncertaintyProperty().get();
        if (u == null || u.sigma() == null) uncertainty.clear();
        else uncertainty.showMagnitude(u.sigma(), state.windowProperty().get());
    }

    private void redrawOriginal() {
        FloatImage img = state.getImage();
        if (img == null) original.clear();
        else original.show(img, state.windowProperty().get(), null);
    }

    private void redrawAll() {
        redrawOriginal();
        redrawUncertainty();
        drawn.clear();
        for (MethodResult r : state.results().values()) draw(r, true);
    }

    private void draw(MethodResult r, boolean force) {
        if (r.image() == null) return;
        // Metrics arrive as a second publish of the same image: nothing to redraw then.
        if (!force && drawn.get(r.methodId()) == r.image()) return;
        drawn.put(r.methodId(), r.image());
        RenderedImage target = method(r.methodId());
        Runnable shown = force ? null : () -> perf.update(r.methodId(), r.restoreMillis(), r.update(),
                (System.nanoTime() - r.requestNanos()) / 1e6, !r.preview());
        if (state.viewModeProperty().get() == ViewMode.DIFFERENCE && state.getImage() != null) {
            target.showDifference(r.image(), state.getImage(), state.windowProperty().get(), shown);
        } else {
            target.show(r.image(), state.windowProperty().get(), shown);
        }
    }
}
