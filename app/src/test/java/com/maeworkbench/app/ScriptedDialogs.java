package com.maeworkbench.app;

import com.maeworkbench.app.view.DicomExportDialog;
import javafx.stage.FileChooser.ExtensionFilter;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Answers the workbench's dialogs with the files a test queued, in order, and records what was asked. */
final class ScriptedDialogs implements Dialogs {

    final Deque<Path> files = new ArrayDeque<>();
    final List<String> asked = new ArrayList<>();
    /** The initial file names the save dialogs proposed. */
    final List<String> proposedNames = new ArrayList<>();
    /** The folder each dialog opened in (null where it had none). */
    final List<Path> initialFolders = new ArrayList<>();
    /** The texts of the confirmations asked. */
    final List<String> confirmTexts = new ArrayList<>();
    boolean confirmAnswer = true;
    /** The answers to File ▸ Export as DICOM, in order (none queued: cancelled). */
    final Deque<DicomExportDialog.Choice> dicomChoices = new ArrayDeque<>();
    /** What the DICOM export dialog offered. */
    final List<DicomExportDialog.Offer> dicomOffers = new ArrayList<>();

    @Override
    public Path openFile(String title, List<ExtensionFilter> filters, Path initialFolder) {
        asked.add(title);
        initialFolders.add(initialFolder);
        return files.poll();
    }

    @Override
    public Path saveFile(String title, String initialName, Path initialFolder, List<ExtensionFilter> filters) {
        asked.add(title);
        initialFolders.add(initialFolder);
        proposedNames.add(initialName);
        return files.poll();
    }

    @Override
    public Path folder(String title, Path initialFolder) {
        asked.add(title);
        initialFolders.add(initialFolder);
        return files.poll();
    }

    @Override
    public boolean confirm(String header, String text) {
        asked.add(header);
        confirmTexts.add(text);
        return confirmAnswer;
    }

    @Override
    public DicomExportDialog.Choice dicomExport(DicomExportDialog.Offer offer) {
        asked.add("Export as DICOM");
        dicomOffers.add(offer);
        return dicomChoices.poll();
    }
}
