package com.maeworkbench.app.view;

import com.maeworkbench.io.dicom.DicomExport;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * File ▸ Export as DICOM: which methods, the slice shown or every slice, and whether to anonymise. The folder
 * is asked for next.
 */
public final class DicomExportDialog {

    /** What can be exported: the methods (id to name, panel order), the slices and the one shown (0-based). */
    public record Offer(Map<String, String> methods, int slices, int current) {
    }

    /** What the user chose. */
    public record Choice(List<String> methods, boolean allSlices, boolean anonymise) {
    }

    public static final ButtonType CHOOSE_FOLDER = new ButtonType("Choose folder…", ButtonBar.ButtonData.OK_DONE);

    private DicomExportDialog() {
    }

    /** The dialog, not shown yet; its result is null when cancelled. */
    public static Dialog<Choice> create(Window owner, Offer offer) {
        Dialog<Choice> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Export as DICOM");
        dialog.setHeaderText("Restored images as DICOM Secondary Capture");
        dialog.setResizable(true);
        dialog.getDialogPane().setId("dicom-export-dialog");
        dialog.getDialogPane().getButtonTypes().addAll(CHOOSE_FOLDER, ButtonType.CANCEL);

        Map<String, CheckBox> methods = new LinkedHashMap<>();
        FlowPane methodBoxes = new FlowPane(12, 4);
        offer.methods().forEach((id, name) -> {
            CheckBox box = new CheckBox(name);
            box.setId("dicom-method-" + id);
            box.setSelected(true);
            box.setMinWidth(Region.USE_PREF_SIZE);
            methods.put(id, box);
            methodBoxes.getChildren().add(box);
        });
        methodBoxes.setPrefWrapLength(480);

        ToggleGroup scope = new ToggleGroup();
        RadioButton current = new RadioButton("The slice shown (" + (offer.current() + 1) + " of " + offer.slices() + ")");
        current.setId("dicom-current-slice");
        current.setToggleGroup(scope);
        current.setSelected(true);
        RadioButton all = new RadioButton("All " + offer.slices() + " slices: every chosen method runs on each slice, in the background");
        all.setId("dicom-all-slices");
        all.setToggleGroup(scope);
        all.setWrapText(true);
        all.setMinHeight(Region.USE_PREF_SIZE);
        VBox slices = new VBox(4, caption("Slices"), current, all);
        slices.setVisible(offer.slices() > 1);
        slices.managedProperty().bind(slices.visibleProperty());

        CheckBox anonymise = new CheckBox("Anonymise: leave out patient and study identity (new study, no reference to the source)");
        anonymise.setId("dicom-anonymise");
        anonymise.setWrapText(true);
        anonymise.setMinHeight(Region.USE_PREF_SIZE);
        Label note = wrapping("One new series per method, beside the original's study unless anonymised: the source's bit depth "
                + "and stored values, a new series and instance UID, ImageType DERIVED\\SECONDARY, and \"" + DicomExport.NOTICE
                + "\" in the series description and image comments. Files are named after their source, STEM-METHOD.dcm; every frame of "
                + "a multi-frame file goes into frame-NNNN/, as the CLI writes them.");
        note.getStyleClass().add("caption");

        VBox content = new VBox(10, caption("Methods"), methodBoxes, slices, anonymise, note);
        content.setPrefWidth(560);
        dialog.getDialogPane().setContent(content);
        // Nothing to write without a method.
        dialog.getDialogPane().lookupButton(CHOOSE_FOLDER).disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> methods.values().stream().noneMatch(CheckBox::isSelected),
                methods.values().stream().map(CheckBox::selectedProperty).toArray(javafx.beans.Observable[]::new)));
        dialog.setResultConverter(button -> {
            if (button != CHOOSE_FOLDER) return null;
            List<String> chosen = new ArrayList<>();
            methods.forEach((id, box) -> {
                if (box.isSelected()) chosen.add(id);
            });
            return new Choice(chosen, offer.slices() > 1 && all.isSelected(), anonymise.isSelected());
        });
        DialogSizing.fitToContent(dialog);
        return dialog;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("details-section");
        return l;
    }

    private static Label wrapping(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
