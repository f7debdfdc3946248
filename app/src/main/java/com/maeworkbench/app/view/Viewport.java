package com.maeworkbench.app.view;

import com.maeworkbench.app.service.MaskController;
import com.maeworkbench.app.service.PerfLog;
import com.maeworkbench.app.state.Tool;
import com.maeworkbench.app.state.ViewArea;
import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mask.Region;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

import java.util.function.Supplier;

/**
 * The image area of a panel. Every viewport draws the same zoom and centre from the state, so zoom and
 * pan stay synchronised; magnified pixels are drawn nearest-neighbour. Mouse input goes to the mask tools
 * (primary button) or pans (middle/secondary button, or the pan tool); the wheel zooms about the cursor.
 * Each layout tells the state what part of the image is on screen ({@link WorkbenchState#viewAreaProperty()}):
 * the renders draw only that part, and the MAE restores it first.
 */
final class Viewport extends Pane {

    private static final double MIN_ZOOM = 1 / 32.0, MAX_ZOOM = 64;

    private final WorkbenchState state;
    private final MaskController masks;
    private final ImageView base, overlay, top;
    private final Line divider;
    private final Supplier<FloatImage> readoutSource;
    private final PerfLog perf;
    private final Canvas grid = new Canvas();
    private final Circle cursor = new Circle();
    private final Rectangle rubber = new Rectangle();
    private final Rectangle clip = new Rectangle();
    private final InvalidationListener relayout = o -> requestLayout();
    private final Observable[] watched;
    private double pressX, pressY, pressCx, pressCy, rectX, rectY;
    private boolean panning, rectangling;

    Viewport(WorkbenchState state, MaskController masks, ImageView base, ImageView overlay, ImageView top, Line divider,
             Supplier<FloatImage> readoutSource, PerfLog perf) {
        this.perf = perf;
        this.state = state;
        this.masks = masks;
        this.base = base;
        this.overlay = overlay;
        this.top = top;
        this.divider = divider;
        this.readoutSource = readoutSource;
        getStyleClass().add("viewport");
        setMinSize(60, 60);
        setClip(clip);
        for (ImageView v : new ImageView[]{base, overlay, top}) {
            v.setPreserveRatio(false);
            v.setManaged(false);
            v.setMouseTransparent(true);
        }
        grid.setManaged(false);
        grid.setMouseTransparent(true);
        cursor.getStyleClass().add("brush-cursor");
        cursor.setManaged(false);
        cursor.setMouseTransparent(true);
        cursor.setVisible(false);
        rubber.getStyleClass().add("rubber-band");
        rubber.setManaged(false);
        rubber.setVisible(false);
        divider.setManaged(false);
        divider.setMouseTransparent(true);
        getChildren().addAll(base, top, overlay, grid, divider, rubber, cursor);
        watched = new Observable[]{state.zoomProperty(), state.centerXProperty(), state.centerYProperty(), state.fitProperty(),
                state.imageProperty(), state.gridVisibleProperty(), state.patchSizeProperty(), state.splitPositionProperty()};
        for (Observable o : watched) o.addListener(relayout);
        base.imageProperty().addListener(relayout); // a render of another part of the image: placed anew
        top.imageProperty().addListener(relayout);

        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::onRelease);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::onMove);
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            cursor.setVisible(false);
            state.pixelReadoutProperty().set("");
        });
    }

    void dispose() {
        for (Observable o : watched) o.removeListener(relayout);
        base.imageProperty().removeListener(relayout);
        top.imageProperty().removeListener(relayout);
    }

    /** Screen pixels per image pixel as drawn here (the fit zoom while "fit" is on). */
    double effectiveZoom() {
        FloatImage img = state.getImage();
        if (img == null) return 1;
        if (state.fitProperty().get()) return Math.min(getWidth() / img.width(), getHeight() / img.height());
        return state.zoomProperty().get();
    }

    private double centerX() {
        FloatImage img = state.getImage();
        return state.fitProperty().get() && img != null ? img.width() / 2.0 : state.centerXProperty().get();
    }

    private double centerY() {
        FloatImage img = state.getImage();
        return state.fitProperty().get() && img != null ? img.height() / 2.0 : state.centerYProperty().get();
    }

    double toScreenX(double ix) {
        return (ix - centerX()) * effectiveZoom() + getWidth() / 2;
    }

    double toScreenY(double iy) {
        return (iy - centerY()) * effectiveZoom() + getHeight() / 2;
    }

    double toImageX(double sx) {
        return centerX() + (sx - getWidth() / 2) / effectiveZoom();
    }

    double toImageY(double sy) {
        return centerY() + (sy - getHeight() / 2) / effectiveZoom();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth(), h = getHeight();
        clip.setWidth(w);
        clip.setHeight(h);
        FloatImage img = state.getImage();
        if (img == null) return;
        double z = effectiveZoom();
        double x0 = w / 2 - centerX() * z, y0 = h / 2 - centerY() * z;
        boolean magnified = z > 1.0001;
        PerfLog.Mark t0 = PerfLog.mark();
        for (ImageView v : new ImageView[]{base, overlay, top}) {
            // A render covers only part of the image (RenderedImage.Drawn); the overlay is the whole mask.
            Region part = v.getImage() instanceof RenderedImage.Drawn d ? d.crop : new Region(0, 0, img.width(), img.height());
            v.setLayoutX(x0 + part.x() * z);
            v.setLayoutY(y0 + part.y() * z);
            v.setFitWidth(part.width() * z);
            v.setFitHeight(part.height() * z);
            v.setSmooth(!magnified); // nearest-neighbour when magnified, so single pixels stay visible
        }
        publishViewArea(img, z, w, h);
        double split = Math.max(0, Math.min(w, state.splitPositionProperty().get() * w));
        top.setClip(new Rectangle(split - top.getLayoutX(), -top.getLayoutY(), Math.max(0, w - split), h));
        divider.setStartX(split);
        divider.setEndX(split);
        divider.setStartY(0);
        divider.setEndY(h);
        drawGrid(img, z, x0, y0);
        perf.fx("panel layout", t0);
    }

    /** The image pixels this viewport shows (clipped to the image), whole pixels rounded outwards. */
    private void publishViewArea(FloatImage img, double z, double w, double h) {
        if (w <= 0 || h <= 0 || !isVisible() || getScene() == null) return;
        int x0 = (int) Math.max(0, Math.floor(toImageX(0))), y0 = (int) Math.max(0, Math.floor(toImageY(0)));
        int x1 = (int) Math.min(img.width(), Math.ceil(toImageX(w))), y1 = (int) Math.min(img.height(), Math.ceil(toImageY(h)));
        Region visible = x1 <= x0 || y1 <= y0 ? Region.EMPTY : new Region(x0, y0, x1 - x0, y1 - y0);
        ViewArea area = new ViewArea(visible, z);
        if (!area.equals(state.viewAreaProperty().get())) state.viewAreaProperty().set(area);
    }

    private void drawGrid(FloatImage img, double z, double x0, double y0) {
        double w = getWidth(), h = getHeight();
        if (grid.getWidth() != w || grid.getHeight() != h) {
            grid.setWidth(w);
            grid.setHeight(h);
        }
        GraphicsContext g = grid.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        int p = state.patchSizeProperty().get();
        if (!state.gridVisibleProperty().get() || p < 1 || p * z < 4) return; // too dense to be useful
        g.setStroke(Color.rgb(80, 200, 255, 0.45));
        g.setLineWidth(1);
        for (int x = 0; x <= img.width(); x += p) {
            double sx = Math.round(x0 + x * z) + 0.5;
            if (sx >= 0 && sx <= w) g.strokeLine(sx, Math.max(0, y0), sx, Math.min(h, y0 + img.height() * z));
        }
        for (int y = 0; y <= img.height(); y += p) {
            double sy = Math.round(y0 + y * z) + 0.5;
            if (sy >= 0 && sy <= h) g.strokeLine(Math.max(0, x0), sy, Math.min(w, x0 + img.width() * z), sy);
        }
    }

    private void onScroll(ScrollEvent e) {
        if (state.getImage() == null || e.getDeltaY() == 0) return;
        PerfLog.Mark t0 = PerfLog.mark();
        double z = effectiveZoom();
        double nz = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z * Math.pow(1.0015, e.getDeltaY())));
        zoomAbout(e.getX(), e.getY(), nz);
        perf.fx("zoom", t0);
        e.consume();
    }

    /** Sets the shared zoom, keeping the image point under (sx, sy) where it is on screen. */
    void zoomAbout(double sx, double sy, double nz) {
        double ix = toImageX(sx), iy = toImageY(sy);
        state.fitProperty().set(false);
        state.zoomProperty().set(nz);
        state.centerXProperty().set(ix - (sx - getWidth() / 2) / nz);
        state.centerYProperty().set(iy - (sy - getHeight() / 2) / nz);
    }

    private void onPress(MouseEvent e) {
        if (state.getImage() == null) return;
        requestFocus();
        Tool tool = state.toolProperty().get();
        if (e.getButton() != MouseButton.PRIMARY || tool == Tool.PAN) {
            panning = true;
            pressX = e.getX();
            pressY = e.getY();
            pressCx = centerX();
            pressCy = centerY();
            state.zoomProperty().set(effectiveZoom());
            state.centerXProperty().set(pressCx);
            state.centerYProperty().set(pressCy);
            state.fitProperty().set(false);
            setCursor(Cursor.CLOSED_HAND);
        } else if (tool == Tool.RECTANGLE) {
            rectangling = true;
            rectX = e.getX();
            rectY = e.getY();
            rubber.setVisible(true);
            updateRubber(e.getX(), e.getY());
        } else {
            PerfLog.Mark t0 = PerfLog.mark();
            masks.beginStroke(toImageX(e.getX()), toImageY(e.getY()), tool == Tool.ERASER || e.isAltDown());
            perf.fx("brush press", t0);
        }
        e.consume();
    }

    private void onDrag(MouseEvent e) {
        if (panning) {
            PerfLog.Mark t0 = PerfLog.mark();
            double z = state.zoomProperty().get();
            state.centerXProperty().set(pressCx - (e.getX() - pressX) / z);
            state.centerYProperty().set(pressCy - (e.getY() - pressY) / z);
            perf.fx("pan", t0);
        } else if (rectangling) {
            updateRubber(e.getX(), e.getY());
        } else if (masks.stroking()) {
            PerfLog.Mark t0 = PerfLog.mark();
            masks.strokeTo(toImageX(e.getX()), toImageY(e.getY()));
            perf.fx("brush drag", t0);
        }
        onMove(e);
        e.consume();
    }

    private void onRelease(MouseEvent e) {
        if (panning) {
            panning = false;
            setCursor(Cursor.DEFAULT);
        } else if (rectangling) {
            rectangling = false;
            rubber.setVisible(false);
            masks.rectangle(toImageX(rectX), toImageY(rectY), toImageX(e.getX()), toImageY(e.getY()), e.isAltDown());
        } else if (masks.stroking()) {
            PerfLog.Mark t0 = PerfLog.mark();
            masks.endStroke();
            perf.fx("brush release", t0);
        }
        e.consume();
    }

    private void updateRubber(double x, double y) {
        rubber.setX(Math.min(x, rectX));
        rubber.setY(Math.min(y, rectY));
        rubber.setWidth(Math.abs(x - rectX));
        rubber.setHeight(Math.abs(y - rectY));
    }

    private void onMove(MouseEvent e) {
        FloatImage img = readoutSource.get();
        if (img == null) return;
        Tool tool = state.toolProperty().get();
        boolean brush = tool == Tool.BRUSH || tool == Tool.ERASER;
        cursor.setVisible(brush);
        cursor.setCenterX(e.getX());
        cursor.setCenterY(e.getY());
        cursor.setRadius(state.brushRadiusProperty().get() * effectiveZoom());
        int x = (int) Math.floor(toImageX(e.getX())), y = (int) Math.floor(toImageY(e.getY()));
        if (x < 0 || y < 0 || x >= img.width() || y >= img.height()) {
            state.pixelReadoutProperty().set("");
        } else {
            state.pixelReadoutProperty().set("(" + x + ", " + y + ")  " + Format.rawValue(img, x, y));
        }
    }
}
