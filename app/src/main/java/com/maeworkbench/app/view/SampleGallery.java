package com.maeworkbench.app.view;

import com.maeworkbench.app.Assets;
import com.maeworkbench.image.FloatImage;
import com.maeworkbench.io.ImageFileException;
import com.maeworkbench.io.ImageFiles;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The bundled samples as a grid of equal cards: a fixed-size thumbnail, the title and the kind and licence,
 * the full provenance in a tooltip. Thumbnails are decoded by the core (DICOM included) off the FX thread.
 */
public final class SampleGallery {

    static final double THUMB_W = 200, THUMB_H = 150;
    /** Every card's size: the thumbnail, two lines of title and one of kind and licence, and the padding. */
    static final double CARD_W = THUMB_W + 16, CARD_H = THUMB_H + 84;
    private static final ExecutorService THUMBS = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "gallery-thumbnails");
        t.setDaemon(true);
        return t;
    });

    private SampleGallery() {
    }

    public static Dialog<Void> show(Window owner, List<Assets.Sample> samples, Consumer<Assets.Sample> open) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Sample gallery");
        dialog.setResizable(true);
        dialog.getDialogPane().setId("sample-gallery");
        dialog.setHeaderText(samples.isEmpty() ? "No samples found under " + Assets.root().resolve("samples")
                : "Bundled samples — held-out validation images, never seen in training");
        TilePane tiles = new TilePane(12, 12);
        tiles.setPadding(new Insets(8));
        tiles.setPrefColumns(3);
        tiles.setTileAlignment(Pos.TOP_LEFT);
        for (Assets.Sample s : samples) {
            Button card = new Button();
            card.getStyleClass().add("sample-card");
            card.setMinSize(CARD_W, CARD_H);
            card.setPrefSize(CARD_W, CARD_H);
            card.setMaxSize(CARD_W, CARD_H);
            card.setGraphic(card(s));
            card.setTooltip(new Tooltip(s.title() + "\n" + s.kind() + " · " + s.licence() + "\n" + s.source()));
            card.setOnAction(e -> {
                dialog.close();
                open.accept(s);
            });
            tiles.getChildren().add(card);
        }
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportWidth(3 * CARD_W + 2 * 12 + 16);
        scroll.setPrefViewportHeight(2 * CARD_H + 12 + 16);
        dialog.getDialogPane().setContent(scroll);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        DialogSizing.fitToContent(dialog);
        dialog.show();
        return dialog;
    }

    private static VBox card(Assets.Sample s) {
        StackPane thumb = new StackPane();
        thumb.getStyleClass().add("sample-thumb");
        thumb.setMinSize(THUMB_W, THUMB_H);
        thumb.setPrefSize(THUMB_W, THUMB_H);
        thumb.setMaxSize(THUMB_W, THUMB_H);
        ImageView view = new ImageView();
        view.setFitWidth(THUMB_W);
        view.setFitHeight(THUMB_H);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        thumb.getChildren().add(view);
        THUMBS.execute(() -> {
            try {
                FloatImage img = ImageFiles.read(s.file(), ImageFiles.DEFAULT_MAX_PIXELS);
                int[] argb = new int[img.pixels()];
                Renderer.window(img, img.window(), new com.maeworkbench.mask.Region(0, 0, img.width(), img.height()), 1, argb);
                Platform.runLater(() -> {
                    WritableImage fx = new WritableImage(img.width(), img.height());
                    fx.getPixelWriter().setPixels(0, 0, img.width(), img.height(), PixelFormat.getIntArgbInstance(), argb, 0, img.width());
                    view.setImage(fx);
                });
            } catch (ImageFileException | RuntimeException | OutOfMemoryError e) {
                Platform.runLater(() -> thumb.getChildren().setAll(new Label("no preview")));
            }
        });
        Label title = new Label(s.title());
        title.getStyleClass().add("sample-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        Label meta = new Label(s.kind() + " · " + s.licence());
        meta.getStyleClass().add("caption");
        meta.setWrapText(true);
        meta.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(4, thumb, title, meta);
        box.setAlignment(Pos.TOP_LEFT);
        box.setMinWidth(THUMB_W);
        box.setPrefWidth(THUMB_W);
        box.setMaxWidth(THUMB_W);
        return box;
    }
}
