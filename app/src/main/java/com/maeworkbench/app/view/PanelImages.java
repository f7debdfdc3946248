package com.maeworkbench.app.view;

import com.maeworkbench.app.service.PerfLog;
import com.maeworkbench.app.state.MethodProgress;
import com.maeworkbench.app.state.MethodResult;
import com.maeworkbench.app.state.ViewMode;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import javafx.collections.MapChangeListener;

import java.util.HashMap;
import java.util.Map;

/**
 * The rendered pixels behind every panel, kept in step with the state: the original, one image per
 * method (restored or difference heatmap, or its result so far while a long run is in flight) and the mask
 * overlay. Panels only bind to these. Each draws only the part of the image the view shows
 * ({@link WorkbenchState#viewAreaProperty()}); a newly opened image counts as shown
 * ({@link WorkbenchState#imageShownProperty()}) once its original is on screen.
 */
public final class PanelImages {

    private final WorkbenchState state;
    private final PerfLog perf;
    private final RenderedImage original;
    private final MaskOverlay overlay = new MaskOverlay();
    private final RenderedImage uncertainty;
    private final Map<String, RenderedImage> methods = new HashMap<>();
    private final Map<String, FloatImage> drawn = new HashMap<>();

    public PanelImages(WorkbenchState state, PerfLog perf) {
        this.state = state;
        this.perf = perf;
        this.original = new RenderedImage(perf);
        this.uncertainty = new RenderedImage(perf);
        state.imageProperty().addListener((o, a, b) -> {
            drawn.clear();
            methods.values().forEach(RenderedImage::clear);
            uncertainty.clear();
            redrawOriginal();
        });
        state.viewAreaProperty().addListener((o, a, area) -> {
            original.follow(area);
            uncertainty.follow(area);
            methods.values().forEach(m -> m.follow(area));
        });
        state.progress().addListener((MapChangeListener<String, MethodProgress>) c -> {
            if (c.wasAdded() && c.getValueAdded().partial() != null) drawPartial(c.getValueAdded());
        });
        state.uncertaintyProperty().addListener((o, a, b) -> redrawUncertainty());
        state.windowProperty().addListener((o, a, b) -> redrawAll());
        state.viewModeProperty().addListener((o, a, b) -> redrawAll());
        state.maskChangeProperty().addListener((o, a, c) -> {
            PerfLog.Mark t0 = PerfLog.mark();
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
        return methods.computeIfAbsent(id, k -> {
            RenderedImage r = new RenderedImage(perf);
            r.follow(state.viewAreaProperty().get());
            return r;
        });
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
        if (img == null) {
            original.clear();
            return;
        }
        original.show(img, state.windowProperty().get(), () -> {
            if (state.getImage() != img || state.imageShownProperty().get()) return;
            perf.firstPixels(img.width(), img.height());
            state.imageShownProperty().set(true);
        });
    }

    /** The result so far of a long run; the finished result replaces it (both go through the same render queue). */
    private void drawPartial(MethodProgress p) {
        FloatImage img = state.getImage();
        if (img == null || p.partial().width() != img.width() || p.partial().height() != img.height()) return;
        drawn.remove(p.methodId()); // the final image must be drawn even if it is the one shown before the run
        if (state.viewModeProperty().get() == ViewMode.DIFFERENCE) {
            method(p.methodId()).showDifference(p.partial(), img, state.windowProperty().get(), null);
        } else {
            method(p.methodId()).show(p.partial(), state.windowProperty().get(), null);
        }
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
