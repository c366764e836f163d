package io.vitalstorm.topology.cli;

/**
 * A mistake in how a command was called that only its code can see (two options that exclude
 * each other, a value the server refuses as malformed): printed with the command's usage, exit 64.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
