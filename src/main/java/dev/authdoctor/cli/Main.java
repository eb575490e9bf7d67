package dev.authdoctor.cli;

import picocli.CommandLine;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

/**
 * The {@code authdoctor} command. Exit codes: 0 the run completed (rejected records included),
 * 1 the input or the rules could not be read, 2 a usage error.
 */
@Command(name = "authdoctor",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Diagnoses identity-platform authenticator problems and answers with an ordered remediation plan.",
        subcommands = {DiagnoseCommand.class, BatchCommand.class, ValidateCommand.class, TestCommand.class,
                CatalogCommand.class, HashCommand.class, CompileCommand.class, ConsultCommand.class, WhyNotCommand.class, ServeCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the run completed (rejected records included)",
                "1:the input or the rules could not be read",
                "2:usage error",
                "3:batch: more records rejected than --max-rejects allows"})
public final class Main implements Runnable {

    static final int EXIT_OK = 0;
    static final int EXIT_INPUT = 1;
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Standard input as the commands see it; tests put their own here. */
    final InputStream stdin;

    private Main(InputStream stdin) {
        this.stdin = stdin;
    }

    public static void main(String[] args) {
        useCommandLineLogging();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(System.in, out, err, args);
        out.flush();
        System.exit(code);
    }

    /**
     * The command line's logging (warnings on standard error), unless the user named a configuration. Must come before
     * the first logger is made: Drools logs its build at INFO, which is not for users.
     */
    static void useCommandLineLogging() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/authdoctor/cli/logback-cli.xml");
        }
    }

    /** Runs the command line without exiting, on the given streams; for tests and for embedders of the command line. */
    public static int run(InputStream stdin, PrintWriter stdout, PrintWriter stderr, String... args) {
        CommandLine cl = new CommandLine(new Main(stdin));
        cl.setCaseInsensitiveEnumValuesAllowed(true); // --format csv, as people type it
        cl.setOut(stdout);
        cl.setErr(stderr);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("authdoctor: " + e.getMessage());
            commandLine.getErr().flush();
            return EXIT_INPUT;
        });
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setUsageHelpAutoWidth(true); // a wide terminal gets wide help (picocli keeps at least 80 columns)
        forEachCommand(cl, c -> {
            // mixinStandardHelpOptions gives every command -V, but only the top one had a version to print
            c.getCommandSpec().versionProvider(new Version());
            c.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpText::description);
            c.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER, HelpText::header);
            c.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpText::options);
        });
        return cl.execute(args);
    }

    /** A usage mistake is one line: what is wrong, then where the help is (not the whole help, which buries it). */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("authdoctor: " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static void forEachCommand(CommandLine cl, java.util.function.Consumer<CommandLine> action) {
        action.accept(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            forEachCommand(sub, action);
        }
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
