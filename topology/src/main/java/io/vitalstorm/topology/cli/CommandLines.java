package io.vitalstorm.topology.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;

/**
 * What every VitalStorm command line shares (./vitalstorm, SubmitCommand, the bench): a usage
 * mistake prints the reason and the usage and exits 64; a failure prints "command: reason" and
 * exits 1 (docs/cli.md).
 */
public final class CommandLines {

    private CommandLines() {
    }

    /** Runs {@code command} (a picocli command object) on {@code args} with {@link #configure}; its exit status. */
    public static int execute(Object command, String... args) {
        return configure(new CommandLine(command)).execute(args);
    }

    /** Installs the shared parsing rules and error handling on {@code cli}; returns it. */
    public static CommandLine configure(CommandLine cli) {
        cli.setOverwrittenOptionsAllowed(true); // the last of a repeated option wins, as scripts expect
        cli.setParameterExceptionHandler(CommandLines::usageError);
        cli.setExecutionExceptionHandler(CommandLines::failure);
        return cli;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.print(cmd.getUsageMessage());
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int failure(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof UsageException) {
            String[] args = parsed.originalArgs().toArray(String[]::new);
            return usageError(new ParameterException(cmd, e.getMessage(), e), args);
        }
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (e instanceof NoSuchFileException missing) {
            err.println(name + ": no such file: " + missing.getFile());
        } else {
            err.println(name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        err.flush();
        return ExitCodes.FAILED;
    }
}
