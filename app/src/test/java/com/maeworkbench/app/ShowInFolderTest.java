package com.maeworkbench.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ShowInFolderTest {

    @Test
    void selectsTheFileWhereThePlatformCanAndOpensItsFolderElsewhere(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("sheet.png"), "x");
        assertEquals(List.of("explorer.exe", "/select," + file), ShowInFolder.command("Windows 11", file, false));
        assertEquals(List.of("open", "-R", file.toString()), ShowInFolder.command("Mac OS X", file, false));
        assertEquals(List.of("xdg-open", dir.toString()), ShowInFolder.command("Linux", file, true));
        assertEquals(List.of("xdg-open", dir.toString()), ShowInFolder.command("Linux", dir, true), "a folder opens itself");
        assertNull(ShowInFolder.command("Linux", file, false), "no xdg-open: the AWT desktop is asked instead");
    }
}
