package com.maeworkbench.cli;

import com.maeworkbench.report.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * {@code java -jar inference/target/restore-cli.jar restore|evaluate|info|self-test ...}. Every command takes
 * {@code --help} and {@code --version} (exit 0). Exit codes: 0 success; 1 error (one line on stderr, nothing
 * written for the failed input); 2 finished with some inputs or requested methods skipped; 64 usage error
 * (EX_USAGE of sysexits.h: a missing or malformed option, an unknown method, a bad mask recipe).
 */
@Command(name = "restore-cli", mixinStandardHelpOptions = true, versionProvider = RestoreCli.Version.class, scope = ScopeType.INHERIT,
        description = "Restore masked image regions with an MAE and classical baselines, and measure them.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:error: one line on stderr, nothing written for the failed input",
                "2:partial: some images or requested methods were skipped", "64:usage error (see --help)"},
        subcommands = {RestoreCommand.class, EvaluateCommand.class, InfoCommand.class, SelfTestCommand.class, CommandLine.HelpCommand.class})
public final class RestoreCli implements Runnable {

    static final int OK = 0, FAILED = 1, PARTIAL = 2, USAGE = 64;

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
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine cmd = e.getCommandLine();
            PrintWriter sink = cmd.getErr();
            sink.println("error: " + oneLine(e));
            sink.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            sink.flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter sink = cmd.getErr();
            sink.println("error: " + oneLine(e));
            if (parsed.hasMatchedOption("--verbose")) e.printStackTrace(sink);
            sink.flush();
            return FAILED;
        });
        return cli.execute(args);
    }

    /** Runs a parse of user input; its {@link IllegalArgumentException} is a usage error (exit 64), not a failure. */
    static <T> T usage(CommandSpec spec, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    static String oneLine(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    @picocli.CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a command: restore, evaluate, info or self-test");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"restore-cli " + BuildInfo.current().describe()};
        }
    }
}
