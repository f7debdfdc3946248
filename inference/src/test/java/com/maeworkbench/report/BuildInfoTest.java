package com.maeworkbench.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class BuildInfoTest {

    @Test
    void versionAndCommitAreBakedIn() {
        BuildInfo b = BuildInfo.current();
        assertEquals("0.1.0", b.version(), "the Maven project version, filtered into build.properties");
        boolean checkout = Files.exists(Path.of("..", ".git"));
        if (checkout) {
            assertTrue(b.commit().matches("[0-9a-f]{40}"), b.commit());
        } else {
            assertEquals(BuildInfo.UNKNOWN, b.commit(), "a source tree without .git says unknown");
        }
        assertTrue(b.describe().startsWith("0.1.0 (commit "), b.describe());
    }

    @Test
    void describeShortensTheCommitAndSaysWhenTheTreeWasModified() {
        assertEquals("1.2.3 (commit 0123456789ab, modified)", new BuildInfo("1.2.3", "0123456789abcdef", true).describe());
        assertEquals("1.2.3 (commit unknown)", new BuildInfo("1.2.3", BuildInfo.UNKNOWN, false).describe());
    }
}
