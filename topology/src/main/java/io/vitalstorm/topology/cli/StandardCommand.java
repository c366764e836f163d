package io.vitalstorm.topology.cli;

import picocli.CommandLine.Command;

/**
 * The {@code @Command} attributes a stand-alone command shares (SubmitCommand, the benchmarks):
 * {@code --help}, {@code --version} and the exit status list. A subclass adds its name and description.
 */
@Command(mixinStandardHelpOptions = true, exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
public abstract class StandardCommand {
}
