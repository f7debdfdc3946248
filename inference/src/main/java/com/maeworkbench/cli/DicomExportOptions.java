package com.maeworkbench.cli;

import com.maeworkbench.method.RestorationMethod;
import com.maeworkbench.mae.MaeMethod;
import picocli.CommandLine.Option;

/** Writing results of a DICOM source as DICOM Secondary Capture besides PNG/TIFF. */
final class DicomExportOptions {

    @Option(names = "--dicom", description = "Also write each result as a DICOM Secondary Capture (DICOM sources only): one new series per method, "
            + "the source's bit depth and stored values, patient and study kept so it files beside the original.")
    boolean dicom;

    @Option(names = "--anonymise", description = "With --dicom: leave patient and study identity out of the DICOM results.")
    boolean anonymise;

    /** DerivationDescription: the method, and the model's name and version for the MAE. */
    static String derivation(RestorationMethod method) {
        String text = "Masked pixels restored by " + method.displayName() + " (" + method.id() + "), MAE Restoration Workbench";
        if (method instanceof MaeMethod mae && mae.availability().available()) {
            text += ", model " + mae.info().name() + " " + mae.info().version();
        }
        return text + "; unmasked pixels keep the source's stored values";
    }
}
