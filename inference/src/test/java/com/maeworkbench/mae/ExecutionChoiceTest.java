package com.maeworkbench.mae;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class ExecutionChoiceTest {

    private static boolean nvidiaDriverPresent() {
        return Files.exists(Path.of("/proc/driver/nvidia/version")) || Files.exists(Path.of("/dev/nvidiactl"));
    }

    @Test
    void explicitCudaWithoutAGpuFallsBackToCpuAndSaysWhy() throws MaeModelException {
        assumeFalse(nvidiaDriverPresent(), "this machine has an NVIDIA driver; the fallback path needs one without");
        try (MaeModel model = MaeModel.open(Fixtures.meanFillModel(), Device.CUDA, 1)) {
            ExecutionChoice choice = model.execution();
            assertEquals("CPU", choice.provider());
            assertTrue(choice.reason().startsWith("CUDA requested but unavailable: "), choice.reason());
            assertTrue(choice.reason().length() > "CUDA requested but unavailable: ".length() + 10, choice.reason());
            assertTrue(choice.availableProviders().contains("CPU"), choice.availableProviders().toString());
            // the model still works on the CPU
            assertEquals(3 * 32 * 32, model.runTile(new float[3 * 32 * 32], new float[16]).length);
        }
    }

    @Test
    void autoWithoutAGpuUsesTheCpu() throws MaeModelException {
        assumeFalse(nvidiaDriverPresent(), "this machine has an NVIDIA driver");
        try (MaeModel model = MaeModel.open(Fixtures.meanFillModel(), Device.AUTO, 1)) {
            assertEquals("CPU", model.execution().provider());
            assertTrue(model.execution().reason().contains("CUDA"), model.execution().reason());
        }
    }

    @Test
    void cpuRequestIsHonoured() throws MaeModelException {
        try (MaeModel model = MaeModel.open(Fixtures.meanFillModel(), Device.CPU, 1)) {
            assertEquals("CPU", model.execution().provider());
            assertEquals("CPU requested (1 thread)", model.execution().reason());
            assertTrue(!model.execution().onGpu());
        }
    }
}
