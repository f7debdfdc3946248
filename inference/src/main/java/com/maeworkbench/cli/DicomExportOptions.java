package com.maeworkbench.cli;

import picocli.CommandLine.Option;

/** Writing results of a DICOM source as DICOM Secondary Capture besides PNG/TIFF. */
final class DicomExportOptions {

    @Option(names = "--dicom", description = "Also write each result as a DICOM Secondary Capture (DICOM sources only): one new series per method, "
            + "the source's bit depth and stored values, patient and study kept so it files beside the original.")
    boolean dicom;

    @Option(names = "--anonymise", description = "With --dicom: leave patient and study identity out of the DICOM results.")
    boolean anonymise;
}
