package com.maeworkbench.app;

import com.maeworkbench.app.view.DialogSizing;
import com.maeworkbench.app.view.DicomExportDialog;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The platform's file choosers and a confirmation alert, owned by the main window. */
final class FxDialogs implements Dialogs {

    private final Stage owner;

    FxDialogs(Stage owner) {
        this.owner = owner;
    }

    @Override
    public Path openFile(String title, List<ExtensionFilter> filters, Path initialFolder) {
        return toPath(chooser(title, filters, initialFolder).showOpenDialog(owner));
    }

    @Override
    public Path saveFile(String title, String initialName, Path initialFolder, List<ExtensionFilter> filters) {
        FileChooser fc = chooser(title, filters, initialFolder);
        if (initialName != null) fc.setInitialFileName(initialName);
        return toPath(fc.showSaveDialog(owner));
    }

    @Override
    public Path folder(String title, Path initialFolder) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(title);
        if (initialFolder != null && Files.isDirectory(initialFolder)) dc.setInitialDirectory(initialFolder.toFile());
        return toPath(dc.showDialog(owner));
    }

    @Override
    public boolean confirm(String header, String text) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setHeaderText(header);
        a.setResizable(true);
        DialogSizing.fitToContent(a); // the whole list of paths, never cut
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    @Override
    public DicomExportDialog.Choice dicomExport(DicomExportDialog.Offer offer) {
        return DicomExportDialog.create(owner, offer).showAndWait().orElse(null);
    }

    private static FileChooser chooser(String title, List<ExtensionFilter> filters, Path initialFolder) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(filters);
        if (initialFolder != null && Files.isDirectory(initialFolder)) fc.setInitialDirectory(initialFolder.toFile());
        return fc;
    }

    private static Path toPath(File f) {
        return f == null ? null : f.toPath();
    }
}
