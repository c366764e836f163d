package io.vitalstorm.topology.cli;

/**
 * The exit status of every command, ./vitalstorm, SubmitCommand and the bench alike (docs/cli.md),
 * and their lines in {@code --help}.
 */
public final class ExitCodes {

    public static final int DONE = 0;
    /** A server did not answer, a file could not be read, a change was refused: the reason is on stderr. */
    public static final int FAILED = 1;
    /** The input held invalid records or documents (each listed on stderr; the valid ones were still processed). */
    public static final int INVALID = 2;
    /** A thresholds change lost to a concurrent edit. */
    public static final int CONFLICT = 3;
    /** Wrong usage: unknown option, missing or malformed argument (BSD sysexits EX_USAGE). */
    public static final int USAGE = 64;

    public static final String HEADING = "%nExit status:%n";
    public static final String DONE_LINE = "0:done";
    public static final String FAILED_LINE = "1:failed: a server did not answer, a file could not be read,"
            + " a change was refused (the reason is on stderr)";
    public static final String INVALID_LINE = "2:the input held invalid records (each listed on stderr;"
            + " the valid ones were still processed)";
    public static final String USAGE_LINE = "64:wrong usage: unknown option, missing or malformed argument";

    private ExitCodes() {
    }
}
