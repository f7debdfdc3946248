package com.maeworkbench.app.state;

import com.maeworkbench.mask.Mask;
import com.maeworkbench.mask.Region;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Undo/redo of mask edits, one entry per gesture (a whole brush stroke, a rectangle, a generator).
 * Entries store only the touched rectangle, so long histories of small strokes stay cheap.
 */
public final class MaskHistory {

    private static final int LIMIT = 200;

    private final Deque<MaskEdit> undo = new ArrayDeque<>();
    private final Deque<MaskEdit> redo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();

    public void push(MaskEdit edit) {
        if (!edit.changesAnything()) return;
        undo.push(edit);
        while (undo.size() > LIMIT) undo.removeLast();
        redo.clear();
        refresh();
    }

    /** Reverts the newest edit in {@code mask}; returns the region changed, or empty when nothing to undo. */
    public Region undo(Mask mask) {
        MaskEdit e = undo.poll();
        if (e == null) return Region.EMPTY;
        e.applyBefore(mask);
        redo.push(e);
        refresh();
        return e.region();
    }

    public Region redo(Mask mask) {
        MaskEdit e = redo.poll();
        if (e == null) return Region.EMPTY;
        e.applyAfter(mask);
        undo.push(e);
        refresh();
        return e.region();
    }

    /** The undo and redo entries as they are now, to {@link #restore} later (one history per slice). */
    public record Saved(List<MaskEdit> undo, List<MaskEdit> redo) {
        public static final Saved EMPTY = new Saved(List.of(), List.of());

        public boolean isEmpty() {
            return undo.isEmpty() && redo.isEmpty();
        }
    }

    public Saved save() {
        return new Saved(List.copyOf(undo), List.copyOf(redo));
    }

    /** Replaces the entries with {@code saved} (the edits themselves are immutable, so they are shared). */
    public void restore(Saved saved) {
        undo.clear();
        redo.clear();
        undo.addAll(saved.undo());
        redo.addAll(saved.redo());
        refresh();
    }

    public boolean isEmpty() {
        return undo.isEmpty() && redo.isEmpty();
    }

    public void clear() {
        undo.clear();
        redo.clear();
        refresh();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    private void refresh() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }
}
