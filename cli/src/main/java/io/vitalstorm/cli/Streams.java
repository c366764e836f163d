package io.vitalstorm.cli;

import java.io.PrintStream;

/** Where a command writes: the process's stdout and stderr, or a test's buffers. */
record Streams(PrintStream out, PrintStream err) {
}
