package com.maeworkbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code java -jar inference/target/restore-cli.jar restore|evaluate|info ...}. Exit codes: 0 success,
 * 1 error (one line on stderr, nothing written for the failed input), 2 finished with some inputs or
 * requested methods skipped.
 */
@Command(name = "restore-cli", mixinStandardHelpOptions = true, versionProvider = RestoreCli.Version.class,
        description = "Restore masked image regions with an MAE and classical baselines, and measure them.",
        subcommands = {RestoreCommand.class, EvaluateCommand.class, InfoCommand.class, SelfTestCommand.class, CommandLine.HelpCommand.class})
public final class RestoreCli implements Runnable {

    static final int OK = 0, FAILED = 1, PARTIAL = 2;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args));
    }

    /** Runs the CLI without exiting the JVM (for tests and the installer's self-check). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new RestoreCli()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter sink = cmd.getErr();
            sink.println("error: " + oneLine(e));
            if (parsed.hasMatchedOption("--verbose")) e.printStackTrace(sink);
            sink.flush();
            return FAILED;
        });
        return cli.execute(args);
    }

    static String oneLine(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RestoreCli.class.getPackage().getImplementationVersion();
            return new String[]{"restore-cli " + (v == null ? "dev" : v)};
        }
    }
}
