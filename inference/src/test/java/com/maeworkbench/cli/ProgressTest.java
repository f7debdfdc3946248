package com.maeworkbench.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    @Test
    void aTerminalGetsABarWithTheStepsAndWhatRuns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = Progress.start(new PrintStream(bytes, true, StandardCharsets.UTF_8), "evaluate", 3, false)) {
            assertTrue(p.shown());
            for (int i = 0; i < 3; i++) {
                p.working("median on a.png");
                p.step();
            }
        }
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("evaluate") && drawn.contains("3/3") && drawn.contains("median on a.png"), drawn);
    }

    @Test
    void noTerminalNoBar() {
        try (Progress p = Progress.start(null, "evaluate", 3, false)) {
            assertFalse(p.shown());
            p.working("mae");
            p.step();
        }
    }

    @Test
    void testsRunWithoutATerminal() {
        // what the CLI tests rely on to compare its output: the bar is drawn only on a console
        try (Progress p = Progress.start("restore", 1, true)) {
            assertFalse(p.shown());
        }
    }
}
