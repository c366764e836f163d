package io.vitalstorm.topology;

import io.vitalstorm.topology.cli.ExitCodes;
import org.apache.storm.Config;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** SubmitCommand's command line, without submitting: what reaches the topology conf, and the errors. */
class SubmitCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(String... args) {
        return SubmitCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static SubmitCommand parsed(String... args) {
        SubmitCommand cmd = new SubmitCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void theFileThenWorkersThenEachOverrideTypedAsInYaml(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path yaml = Files.writeString(dir.resolve("vitalstorm.yaml"),
                "vitalstorm.parallelism.score: 3\ntopology.message.timeout.secs: 90\n");
        SubmitCommand cmd = parsed("--name", "ward-5", "--config", yaml.toString(), "--workers", "2",
                "-c", "topology.message.timeout.secs=30", "-c", "vitalstorm.maintenance.enabled=false");

        Config conf = cmd.topologyConf();
        assertThat(cmd.name()).isEqualTo("ward-5");
        assertThat(conf).containsEntry("vitalstorm.parallelism.score", 3).containsEntry(Config.TOPOLOGY_WORKERS, 2)
                .containsEntry(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS, 30)
                .containsEntry("vitalstorm.maintenance.enabled", false);
        assertThat(parsed().name()).isEqualTo("vitalstorm");
    }

    @Test
    void helpListsTheOptionsAndTheExitStatus() {
        assertThat(execute("--help")).isEqualTo(ExitCodes.DONE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--name", "--config", "--workers", "-c",
                "--local", "--local-seconds", "Exit status:", "64");
    }

    @Test
    void anUnknownOptionOrAMalformedOverrideIsAUsageErrorNamingIt() {
        assertThat(execute("--nmae")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("SubmitCommand: Unknown option: '--nmae'", "Usage:");
        err.reset();
        assertThat(execute("-c", "no-equals-sign")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("-c", "no-equals-sign");
        err.reset();
        assertThat(execute("--workers", "two")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--workers", "two");
    }

    @Test
    void aSettingTheTopologyRefusesFailsWithTheKeyNamed() {
        assertThat(execute("-c", "vitalstorm.retries.max=-1")).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("SubmitCommand: ")
                .contains("vitalstorm.retries.max");
    }
}
