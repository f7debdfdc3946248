package com.maeworkbench.app.view;

import com.maeworkbench.app.state.WorkbenchState;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.mae.ModelInfo;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.List;

/**
 * A one-page PNG of every panel with its numbers, stamped as an AI reconstruction that is not for
 * diagnostic use. Built off-screen from the panels' current pixels and snapshotted on the FX thread.
 */
public final class ComparisonSheet {

    public static final String STAMP = "AI reconstruction — not for diagnostic use";
    private static final double CELL = 360;

    private ComparisonSheet() {
    }

    public static FloatImage render(WorkbenchState state, PanelGrid grid) {
        FloatImage img = state.getImage();
        List<ImagePanel> panels = grid.panels().stream().filter(p -> !ImagePanel.SPLIT.equals(p.panelId())).toList();
        int cols = Math.min(4, panels.size());
        double scale = Math.min(CELL / img.width(), CELL / img.height());
        GridPane cells = new GridPane();
        cells.setHgap(12);
        cells.setVgap(12);
        for (int i = 0; i < panels.size(); i++) {
            ImagePanel p = panels.get(i);
            StackPane picture = new StackPane(view(p.shownImage(), img, scale));
            if (WorkbenchState.MASKED.equals(p.panelId())) {
                ImageView overlay = view(grid.images().overlay().imageProperty().get(), img, scale);
                overlay.setOpacity(state.maskOpacityProperty().get());
                picture.getChildren().add(overlay);
            }
            boolean best = p.panelId().equals(state.bestMethodProperty().get());
            Label title = label(p.title() + (best ? "  ★ best PSNR" : ""), 15, best ? "#e3b341" : "#f0f0f0");
            Label numbers = label(p.metricsText(), 12, "#c8c8c8");
            VBox cell = new VBox(4, picture, title, numbers);
            cells.add(cell, i % cols, i / cols);
        }
        ModelInfo info = state.modelInfoProperty().get();
        String source = state.getImagePath() == null ? "" : state.getImagePath().getFileName().toString();
        Label header = label(String.format("MAE Restoration Workbench — %s — mask %.1f%%%s", source, 100 * state.getMask().ratio(),
                info == null ? "" : " — model " + info.name() + " " + info.version()), 16, "#f0f0f0");
        Label stamp = label(STAMP, 20, "#ff6b6b");
        stamp.setStyle(stamp.getStyle() + "-fx-font-weight: bold;");
        VBox root = new VBox(12, header, cells, stamp);
        root.setPadding(new Insets(18));
        root.setAlignment(Pos.TOP_LEFT);
        root.setStyle("-fx-background-color: #16181d;");
        new Scene(root); // a scene gives the off-screen nodes CSS and layout
        root.applyCss();
        root.layout();
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.web("#16181d"));
        WritableImage shot = root.snapshot(params, null);
        return toFloatImage(shot);
    }

    private static ImageView view(javafx.scene.image.Image image, FloatImage img, double scale) {
        ImageView v = new ImageView(image);
        v.setFitWidth(img.width() * scale);
        v.setFitHeight(img.height() * scale);
        v.setSmooth(scale < 1);
        return v;
    }

    private static Label label(String text, double size, String color) {
        Label l = new Label(text);
        l.setStyle("-fx-font-size: " + size + "px; -fx-text-fill: " + color + ";");
        l.setMaxWidth(CELL);
        return l;
    }

    static FloatImage toFloatImage(WritableImage shot) {
        int w = (int) shot.getWidth(), h = (int) shot.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = shot.getPixelReader();
        reader.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        float[] r = new float[w * h], g = new float[w * h], b = new float[w * h];
        for (int i = 0; i < argb.length; i++) {
            r[i] = ((argb[i] >> 16) & 0xFF) / 255f;
            g[i] = ((argb[i] >> 8) & 0xFF) / 255f;
            b[i] = (argb[i] & 0xFF) / 255f;
        }
        return FloatImage.of(w, h, 8, r, g, b);
    }
}
