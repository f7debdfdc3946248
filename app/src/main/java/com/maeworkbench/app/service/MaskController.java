package com.maeworkbench.app.service;

import com.maeworkbench.app.state.MaskEdit;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.MaskShapes;
import com.maeworkbench.mask.Region;

import java.util.List;

/**
 * Applies the mask tools to the state's mask, in place, recording one undo entry per gesture and
 * announcing each change (drag steps as previews). FX thread only.
 */
public final class MaskController {

    private final WorkbenchState state;
    private Mask strokeBefore;
    private Mask strokeMask; // the mask being painted: a stroke ends if another one is shown (another slice's)
    private double[] strokeLast;
    private boolean strokeValue;
    private Region strokeRegion = Region.EMPTY;

    public MaskController(WorkbenchState state) {
        this.state = state;
    }

    /** Starts a brush ({@code erase == false}) or eraser stroke at image coordinates. */
    public void beginStroke(double x, double y, boolean erase) {
        Mask mask = state.getMask();
        if (mask == null) return;
        strokeBefore = mask.copy();
        strokeMask = mask;
        strokeValue = !erase;
        strokeLast = new double[]{x, y};
        strokeRegion = Region.EMPTY;
        paint(List.of(strokeLast));
    }

    public void strokeTo(double x, double y) {
        if (strokeBefore == null) return;
        if (state.getMask() != strokeMask) {
            endStroke();
            return;
        }
        double[] p = {x, y};
        paint(List.of(strokeLast, p));
        strokeLast = p;
    }

    /** Ends the stroke: one undo entry, and a non-preview change so the service computes the final state. */
    public void endStroke() {
        if (strokeBefore == null) return;
        Mask mask = strokeMask;
        if (!strokeRegion.isEmpty() && state.getMask() == strokeMask) {
            state.history().push(MaskEdit.between(strokeBefore, mask, strokeRegion));
        }
        strokeBefore = null;
        strokeMask = null;
        state.fireMaskChanged(strokeRegion, false);
    }

    public boolean stroking() {
        return strokeBefore != null;
    }

    private void paint(List<double[]> points) {
        Region r = MaskShapes.brush(state.getMask(), points, state.brushRadiusProperty().get(), strokeValue);
        if (r.isEmpty()) return;
        strokeRegion = strokeRegion.union(r);
        state.fireMaskChanged(r, true);
    }

    /** Fills (or clears) the rectangle spanned by two image points. */
    public void rectangle(double ax, double ay, double bx, double by, boolean erase) {
        Mask mask = state.getMask();
        if (mask == null) return;
        int x0 = (int) Math.floor(Math.min(ax, bx)), y0 = (int) Math.floor(Math.min(ay, by));
        int x1 = (int) Math.ceil(Math.max(ax, bx)), y1 = (int) Math.ceil(Math.max(ay, by));
        Mask before = mask.copy();
        Region r = MaskShapes.fillRect(mask, x0, y0, x1 - x0, y1 - y0, !erase);
        if (r.isEmpty()) return;
        state.history().push(MaskEdit.between(before, mask, r));
        state.fireMaskChanged(r, false);
    }

    /** Replaces the whole mask (generators, clear, invert, load) as one undoable edit. */
    public void replace(Mask next) {
        Mask mask = state.getMask();
        if (mask == null) return;
        if (!next.sameSize(mask.width(), mask.height())) {
            throw new IllegalArgumentException("mask is " + next.width() + "x" + next.height() + " but the image is " + mask.width() + "x" + mask.height());
        }
        Region all = new Region(0, 0, mask.width(), mask.height());
        Mask before = mask.copy();
        System.arraycopy(next.missing(), 0, mask.missing(), 0, next.missing().length);
        state.history().push(MaskEdit.between(before, mask, all));
        state.fireMaskChanged(all, false);
    }

    public void randomPatches() {
        Mask m = state.getMask();
        if (m == null) return;
        replace(MaskShapes.patches(m.width(), m.height(), state.randomRatioProperty().get(), state.randomPatchSizeProperty().get(), seed()));
        sayPerSlice("Random patches");
    }

    public void randomStrokes() {
        Mask m = state.getMask();
        if (m == null) return;
        replace(MaskShapes.strokes(m.width(), m.height(), state.strokeCountProperty().get(), seed()));
        sayPerSlice("Random strokes");
    }

    /**
     * The generators' seed: the user's, plus the slice index (0-based) when each slice has its own mask, so a
     * generator gives every slice its own pattern, reproducible from the seed and the slice.
     */
    public int seed() {
        return state.randomSeedProperty().get() + (perSlice() ? state.sliceIndexProperty().get() : 0);
    }

    private boolean perSlice() {
        return state.getSliceStack() != null && state.maskPerSliceProperty().get();
    }

    /** In per-slice mode a generator touches the slice shown only: the status line says which, and the seed. */
    private void sayPerSlice(String what) {
        if (!perSlice()) return;
        state.statusProperty().set(what + " on slice " + (state.sliceIndexProperty().get() + 1) + " of " + state.getSliceStack().size()
                + " only (seed " + seed() + " = " + state.randomSeedProperty().get() + " + slice index " + state.sliceIndexProperty().get() + ")");
    }

    public void clear() {
        Mask m = state.getMask();
        if (m != null) replace(Mask.empty(m.width(), m.height()));
    }

    public void invert() {
        Mask m = state.getMask();
        if (m != null) replace(m.inverted());
    }

    public void undo() {
        if (stroking() || state.getMask() == null) return;
        Region r = state.history().undo(state.getMask());
        if (!r.isEmpty()) state.fireMaskChanged(r, false);
    }

    public void redo() {
        if (stroking() || state.getMask() == null) return;
        Region r = state.history().redo(state.getMask());
        if (!r.isEmpty()) state.fireMaskChanged(r, false);
    }

    /** Grows or shrinks the brush by one step ({@code [} and {@code ]}). */
    public void resizeBrush(int direction) {
        double r = state.brushRadiusProperty().get();
        double step = Math.max(1, Math.round(r * 0.2));
        state.brushRadiusProperty().set(Math.max(1, Math.min(256, r + direction * step)));
    }
}
