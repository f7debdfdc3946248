package com.maeworkbench.app.view;

import com.maeworkbench.app.Assets;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.List;
import java.util.function.Consumer;

/** The bundled samples as cards with thumbnail, title and provenance; a click opens one. */
public final class SampleGallery {

    private SampleGallery() {
    }

    public static void show(Window owner, List<Assets.Sample> samples, Consumer<Assets.Sample> open) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Sample gallery");
        dialog.setHeaderText(samples.isEmpty() ? "No samples found under " + Assets.root().resolve("samples")
                : "Bundled samples — held-out validation images, never seen in training");
        TilePane tiles = new TilePane(12, 12);
        tiles.setPadding(new Insets(8));
        tiles.setPrefColumns(3);
        for (Assets.Sample s : samples) {
            Button card = new Button();
            card.getStyleClass().add("sample-card");
            card.setGraphic(card(s));
            card.setOnAction(e -> {
                dialog.close();
                open.accept(s);
            });
            tiles.getChildren().add(card);
        }
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        scroll.setPrefSize(760, 560);
        dialog.getDialogPane().setContent(scroll);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.show();
    }

    private static VBox card(Assets.Sample s) {
        StackPane thumb = new StackPane();
        thumb.setPrefSize(200, 150);
        thumb.getStyleClass().add("sample-thumb");
        Image img = new Image(s.file().toUri().toString(), 200, 150, true, true, true);
        if (img.isError()) {
            thumb.getChildren().add(new Label(s.file().getFileName().toString()));
        } else {
            thumb.getChildren().add(new ImageView(img));
        }
        Label title = new Label(s.title());
        title.getStyleClass().add("sample-title");
        Label meta = new Label(s.kind() + " · " + s.licence() + "\n" + s.source());
        meta.getStyleClass().add("caption");
        meta.setWrapText(true);
        meta.setMaxWidth(200);
        VBox box = new VBox(4, thumb, title, meta);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }
}
