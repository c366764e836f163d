package io.vitalstorm.cli;

import io.vitalstorm.topology.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's shape: every command has --help and exit codes, wrong calls exit 64 with the usage. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Every command and sub-command, as typed: {@code thresholds set}, {@code patients load}, ... */
    private static List<List<String>> allCommands() {
        List<List<String>> all = new ArrayList<>();
        collect(Main.commandLine(new Streams(System.out, System.err)), new ArrayList<>(), all);
        return all;
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> all) {
        for (CommandLine sub : cmd.getSubcommands().values()) {
            if (sub.getCommandName().equals("help")) {
                continue;
            }
            List<String> p = new ArrayList<>(path);
            p.add(sub.getCommandName());
            all.add(p);
            collect(sub, p, all);
        }
    }

    @Test
    void everyCommandHasHelpWithItsExitStatus() {
        List<List<String>> commands = allCommands();
        assertThat(commands).extracting(c -> String.join(" ", c)).contains("demo", "serve", "serve add-user", "replay",
                "scenario", "patients load", "patients discharge", "patients sync", "patients history",
                "thresholds get",
                "thresholds set", "thresholds diff", "thresholds history", "thresholds rollback", "thresholds validate",
                "schema apply", "thresholds init", "alerts open", "alerts ack", "archive list", "health", "submit",
                "kill", "status");
        for (List<String> command : commands) {
            List<String> argv = new ArrayList<>(command);
            argv.add("--help");
            assertThat(run(argv.toArray(String[]::new))).as("%s --help", command).isZero();
            assertThat(out()).as("%s --help", command).contains("Usage: vitalstorm " + String.join(" ", command))
                    .contains("Exit status:").contains("64");
            assertThat(err()).isEmpty();
        }
    }

    @Test
    void theTopLevelHelpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("replay", "thresholds", "health", "submit", "test [maven args]");
        assertThat(run("help", "thresholds")).isZero();
        assertThat(out()).contains("Usage: vitalstorm thresholds", "rollback");
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("vitalstorm ");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("a command is needed").contains("Usage: vitalstorm");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithSuggestions() {
        assertThat(run("thresholdz")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Unmatched argument").contains("thresholdz").contains("Did you mean")
                .contains("thresholds");
    }

    @Test
    void aMissingSubcommandOrArgumentIsAUsageError() {
        assertThat(run("thresholds")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Missing required subcommand").contains("Usage: vitalstorm thresholds");
        assertThat(run("thresholds", "validate")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Missing required parameter: 'FILE'")
                .contains("Usage: vitalstorm thresholds validate");
        assertThat(run("alerts", "ack", "--patient", "P1")).isEqualTo(ExitCodes.USAGE);
        // --by is optional since acknowledgements are signed: the signing key names who acts
        assertThat(err()).contains("Missing required option: '--alert=ID'").doesNotContain("Missing required options");
    }

    @Test
    void aMalformedValueIsAUsageErrorNamingTheOption() {
        assertThat(run("health", "--sample-seconds", "soon")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--sample-seconds").contains("soon");
        assertThat(run("demo", "--duration", "5x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--duration").contains("takes e.g. 90s, 5m or 120, not 5x");
        assertThat(run("archive", "list", "--from", "yesterday")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("--from").contains("yesterday");
    }

    @Test
    void aMistakeOnlyTheCommandSeesIsAUsageErrorToo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path doc = Files.writeString(dir.resolve("t.json"), "{\"alertTrigger\":\"HIGH\"}");
        assertThat(run("thresholds", "validate", doc.toString(), "--ward", "W", "--patient", "P"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err()).startsWith("vitalstorm thresholds validate: give --ward or --patient, not both")
                .contains("Usage: vitalstorm thresholds validate");
        assertThat(run("scenario", "no-such-scenario", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("unknown scenario among [no-such-scenario]").contains("sepsis");
    }

    @Test
    void theLastOfARepeatedOptionWins(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path valid = Files.writeString(dir.resolve("ok.json"), "{\"alertTrigger\":\"HIGH\"}");
        assertThat(run("thresholds", "validate", valid.toString(), "--ward", "A", "--ward", "B")).isZero();
        assertThat(out()).contains("valid thresholds document for ward B");
    }

    @Test
    void aFailureIsOneLineWithTheCommandNotAStackTrace(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThat(run("thresholds", "validate", dir.resolve("missing.json").toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(err()).isEqualTo("vitalstorm thresholds validate: no such file: " + dir.resolve("missing.json")
                + System.lineSeparator());
    }
}
