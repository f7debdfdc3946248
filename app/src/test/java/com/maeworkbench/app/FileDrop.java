package com.maeworkbench.app;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

import java.io.File;
import java.security.AccessControlContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops files on a scene the way the platform does after a drag from a file manager: DRAG_OVER, then
 * DRAG_DROPPED, each with a dragboard holding the files. Monocle's headless robot cannot drag between
 * applications, so the events are built here (JavaFX sits on the class path in tests, so its toolkit
 * types are reachable).
 */
final class FileDrop {

    private FileDrop() {
    }

    /** Call on the FX thread; returns whether the scene accepted the drag and completed the drop. */
    static boolean drop(Scene scene, List<File> files) {
        Dragboard board = DragboardHelper.createDragboard(new FilesClipboard(files));
        DragEvent over = event(DragEvent.DRAG_OVER, board);
        Event.fireEvent(scene, over);
        if (over.getAcceptedTransferMode() != TransferMode.COPY) return false;
        DragEvent dropped = event(DragEvent.DRAG_DROPPED, board);
        Event.fireEvent(scene, dropped);
        return dropped.isDropCompleted();
    }

    /** An event over the middle of the window, offering a copy as a file manager does. */
    private static DragEvent event(javafx.event.EventType<DragEvent> type, Dragboard board) {
        double x = 300, y = 300;
        return new DragEvent(type, board, x, y, x, y, TransferMode.COPY, null, null, null);
    }

    /** The platform clipboard behind a dragboard, holding only a file list. */
    private record FilesClipboard(List<File> files) implements TKClipboard {
        @Override
        public void setSecurityContext(AccessControlContext ctx) {
        }

        @Override
        public Set<DataFormat> getContentTypes() {
            return Set.of(DataFormat.FILES);
        }

        @Override
        @SafeVarargs
        public final boolean putContent(Pair<DataFormat, Object>... content) {
            return false;
        }

        @Override
        public Object getContent(DataFormat format) {
            return Map.of(DataFormat.FILES, files).get(format);
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return DataFormat.FILES.equals(format);
        }

        @Override
        public Set<TransferMode> getTransferModes() {
            return EnumSet.of(TransferMode.COPY);
        }

        @Override
        public void setDragView(Image image) {
        }

        @Override
        public void setDragViewOffsetX(double offsetX) {
        }

        @Override
        public void setDragViewOffsetY(double offsetY) {
        }

        @Override
        public Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }
}
