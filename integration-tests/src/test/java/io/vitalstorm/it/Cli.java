package io.vitalstorm.it;

import io.vitalstorm.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./vitalstorm ...} run in-process, as an operator would type it. */
final class Cli {

    private Cli() {
    }

    /** Runs the command, asserts it exited 0 and returns what it printed (stdout then stderr). */
    static String run(String... argv) {
        return runExpectingExit(0, argv);
    }

    /** Runs the command, asserts its exit status (docs/cli.md) and returns what it printed (stdout then stderr). */
    static String runExpectingExit(int expected, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(status).as("vitalstorm %s: %s", String.join(" ", argv), text).isEqualTo(expected);
        return text;
    }
}
