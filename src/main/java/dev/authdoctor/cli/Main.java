package dev.authdoctor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code authdoctor} command. Exit codes: 0 the run completed (rejected records included),
 * 1 the input or the rules could not be read, 2 a usage error.
 */
@Command(name = "authdoctor",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Diagnoses identity-platform authenticator problems and answers with an ordered remediation plan.",
        subcommands = {DiagnoseCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the run completed (rejected records included)",
                "1:the input or the rules could not be read",
                "2:usage error"})
public final class Main implements Runnable {

    static final int EXIT_OK = 0;
    static final int EXIT_INPUT = 1;
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Must come before the first logger is made: Drools logs its build at INFO, which is not for users.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/authdoctor/cli/logback-cli.xml");
        }
        System.exit(run(args));
    }

    /** Runs the command line without exiting; for tests and for embedding the command line itself. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("authdoctor: " + e.getMessage());
            return EXIT_INPUT;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: authdoctor diagnose FILE)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"authdoctor " + (v == null ? "(development build)" : v)};
        }
    }
}
