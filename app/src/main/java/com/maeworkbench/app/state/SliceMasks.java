package com.maeworkbench.app.state;

import com.maeworkbench.mask.Mask;

import java.util.HashMap;
import java.util.Map;

/**
 * Which mask each slice of a stack shows, and its undo history, in the user's mode:
 * <ul>
 * <li><b>shared</b>: one mask and one history for every slice; moving between slices keeps both.</li>
 * <li><b>per slice</b>: each slice keeps its own mask and history. A slice not edited yet shows a copy of the
 * shared mask (the one shown when per-slice masks were turned on, or the image opened with); only edited slices
 * are stored, so scrubbing through a long series costs nothing.</li>
 * </ul>
 * Switching back to shared shows the shared mask and its history again; the per-slice masks are kept until
 * another image is opened, so switching to per slice again finds them. The live mask and the history object
 * belong to {@link WorkbenchState}; this class keeps what is put aside. FX thread only.
 */
final class SliceMasks {

    private record Own(Mask mask, MaskHistory.Saved history) {
    }

    private final Map<Integer, Own> own = new HashMap<>();
    /** While per slice: the shared mask and history, put aside. Null in shared mode (the live mask is the shared one). */
    private Mask shared;
    private MaskHistory.Saved sharedHistory;

    /** A new stack opened with {@code opened} as every slice's mask. */
    void reset(boolean perSlice, Mask opened) {
        own.clear();
        shared = perSlice ? opened.copy() : null;
        sharedHistory = perSlice ? MaskHistory.Saved.EMPTY : null;
    }

    /** Moving from slice {@code from} to {@code to}: the mask {@code to} shows; {@code history} is swapped in place. */
    Mask move(int from, int to, Mask live, MaskHistory history) {
        if (shared == null) return live;
        keep(from, live, history);
        return take(to, history);
    }

    /** Turns per-slice masks on or off on slice {@code at}: the mask it shows now. */
    Mask switchMode(boolean perSlice, int at, Mask live, MaskHistory history) {
        if (perSlice == (shared != null)) return live;
        if (perSlice) {
            shared = live;
            sharedHistory = history.save();
            return take(at, history);
        }
        keep(at, live, history);
        Mask back = shared;
        history.restore(sharedHistory);
        shared = null;
        sharedHistory = null;
        return back;
    }

    /**
     * The mask of slice {@code slice} as it would show: {@code live} for the slice shown (and for every slice when
     * shared), else its own mask, else the shared one. Not a copy.
     */
    Mask maskOf(int slice, int shown, Mask live) {
        if (shared == null || slice == shown) return live;
        Own o = own.get(slice);
        return o != null ? o.mask : shared;
    }

    /** Slices with a mask of their own (edited while per slice), the one shown not counted. */
    int ownMasks() {
        return own.size();
    }

    /** Stores the slice's mask unless it is the untouched shared one. */
    private void keep(int slice, Mask live, MaskHistory history) {
        if (history.isEmpty() && live.sameContent(shared)) own.remove(slice);
        else own.put(slice, new Own(live, history.save()));
    }

    private Mask take(int slice, MaskHistory history) {
        Own o = own.remove(slice);
        if (o == null) {
            history.clear();
            return shared.copy();
        }
        history.restore(o.history);
        return o.mask;
    }
}
