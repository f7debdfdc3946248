package com.maeworkbench.app.service;

import java.nio.file.Path;

/** The file log for tests outside this package: started in a folder of theirs, stopped afterwards. */
public final class AppLogAccess {

    private AppLogAccess() {
    }

    public static void install(Path dir) {
        AppLog.install(dir, AppLog.LIMIT_BYTES, AppLog.FILES);
    }

    public static void uninstall() {
        AppLog.uninstall();
    }
}
