package io.vitalstorm.cli;

import io.vitalstorm.topology.cli.CommandLines;
import io.vitalstorm.topology.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;

/** Entry point of the {@code ./vitalstorm} command (the shell script builds and calls this). */
@Command(name = "vitalstorm", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Real-time remote patient monitoring on Apache Storm (docs/cli.md).",
        subcommands = {
            DemoCommand.class, ServeCommand.class, ReplayCommand.class, ScenarioCommand.class, PatientsCommand.class,
            ThresholdsCommand.class, SchemaCommand.class, AlertsCommand.class, ArchiveCommand.class,
            HealthCommand.class,
            ClusterCommand.Submit.class, ClusterCommand.Kill.class, ClusterCommand.Status.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Handled by the ./vitalstorm script itself:",
            "  test [maven args]        the test suite (what CI runs)",
            "  bench [--quick|--full]   benchmark suite, report under bench/results/",
            "  build                    (re)build everything, skipping tests"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.INVALID_LINE,
            "3:stalled pipeline (health), concurrent thresholds edit", ExitCodes.USAGE_LINE})
public final class Main implements Runnable {

    @Spec
    private CommandSpec spec;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line in-process: exit status, output to {@code out} and {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(new Streams(out, err));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cli.execute(args);
    }

    /** Every command, its options and its error handling; the streams go to the commands' constructors. */
    static CommandLine commandLine(Streams streams) {
        return CommandLines.configure(new CommandLine(new Main(), new StreamsFactory(streams)));
    }

    /** {@code vitalstorm} alone: the list of commands, as a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed");
    }

    /** Builds commands that take the {@link Streams} in their constructor; the rest as picocli does. */
    private static final class StreamsFactory implements CommandLine.IFactory {
        private final Streams streams;

        StreamsFactory(Streams streams) {
            this.streams = streams;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Streams.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(streams));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** The version Maven wrote into the jar's manifest, if run from a jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"vitalstorm " + (v == null ? "(development build)" : v)};
        }
    }
}
