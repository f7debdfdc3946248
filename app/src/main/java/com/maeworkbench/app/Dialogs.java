package com.maeworkbench.app;

import com.maeworkbench.app.view.DicomExportDialog;
import javafx.stage.FileChooser.ExtensionFilter;

import java.nio.file.Path;
import java.util.List;

/**
 * The file choosers and confirmations behind the commands. The app shows the platform's ({@link FxDialogs});
 * a headless test, where no native dialog can open, answers with files of its own.
 * Every method returns null (or false) when the user cancels. FX thread only.
 */
public interface Dialogs {

    Path openFile(String title, List<ExtensionFilter> filters, Path initialFolder);

    /** {@code initialName} may be null; the dialog asks before replacing an existing file. */
    Path saveFile(String title, String initialName, Path initialFolder, List<ExtensionFilter> filters);

    Path folder(String title, Path initialFolder);

    boolean confirm(String header, String text);

    /** File ▸ Export as DICOM's choices: methods, slices, anonymise. */
    DicomExportDialog.Choice dicomExport(DicomExportDialog.Offer offer);
}
