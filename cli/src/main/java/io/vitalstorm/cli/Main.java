package io.vitalstorm.cli;

import java.io.PrintStream;

/** Entry point of the {@code ./vitalstorm} command (the shell script builds and calls this). */
public final class Main {

    private static final String USAGE = String.join("\n",
            "usage: vitalstorm <command> [options]",
            "  demo [--duration 90s] [--patients 40] [--web-port 8080]   run the whole system on this machine with a simulated ward",
            "  " + ReplayCommand.USAGE,
            "  " + PatientsCommand.USAGE,
            "  " + ClusterCommand.USAGE,
            "  " + ThresholdsCommand.USAGE,
            "  " + SchemaCommand.USAGE,
            "  " + AlertsCommand.USAGE,
            "  " + ScenarioCommand.USAGE,
            "  " + ArchiveCommand.USAGE,
            "  " + ServeCommand.USAGE,
            "  " + HealthCommand.USAGE,
            "  test                                       run the test suite (handled by the shell script)",
            "  bench [--quick|--full]                     benchmark suite, report under bench/results/ (handled by the shell script)");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line in-process: exit status, output to {@code out} and {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            out.println(USAGE);
            return args.length == 0 ? 64 : 0;
        }
        try {
            return switch (args[0]) {
                case "replay" -> ReplayCommand.run(args, out, err);
                case "patients" -> PatientsCommand.run(args, out, err);
                case "thresholds" -> ThresholdsCommand.run(args, out, err);
                case "schema" -> SchemaCommand.run(args, out, err);
                case "alerts" -> AlertsCommand.run(args, out, err);
                case "scenario" -> ScenarioCommand.run(args, out, err);
                case "archive" -> ArchiveCommand.run(args, out, err);
                case "demo" -> DemoCommand.run(args, out, err);
                case "serve" -> ServeCommand.run(args, out, err);
                case "health" -> HealthCommand.run(args, out, err);
                case "submit", "kill", "status" -> ClusterCommand.run(args, out, err);
                default -> throw new Args.UsageException("unknown command " + args[0]);
            };
        } catch (Args.UsageException e) {
            err.println("vitalstorm: " + e.getMessage());
            err.println(USAGE);
            return 64;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println("vitalstorm " + args[0] + ": no such file: " + e.getFile());
            return 1;
        } catch (Exception e) {
            err.println("vitalstorm " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }
}
