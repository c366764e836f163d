package io.vitalstorm.it;

import io.vitalstorm.cli.Main;
import io.vitalstorm.infra.LocalInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vitalstorm thresholds ...} against the real ZooKeeper: exit codes and what the operator sees. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThresholdsCommandTest {

    private Path dir;
    private Path config;
    private Path authFile;

    private record Result(int status, String out, String err) {
    }

    @BeforeAll
    void files() throws Exception {
        dir = Files.createTempDirectory("thresholds-cmd");
        config = Files.writeString(dir.resolve("vitalstorm.yaml"),
                "vitalstorm.zookeeper.connect: \"" + LocalInfrastructure.shared().zookeeperConnect() + "\"\n"
                        + "vitalstorm.zookeeper.root: \"/tc\"\n");
        authFile = Files.writeString(dir.resolve("operator.secret"), "ops:test-only-secret\n");
    }

    private Result run(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("thresholds"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("--config", config.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String file(String name, String json) throws Exception {
        return Files.writeString(dir.resolve(name), json).toString();
    }

    @Test
    void validateChecksOnly() throws Exception {
        assertThat(run("validate", file("ok.json", "{\"alertTrigger\":\"MEDIUM\"}")).status()).isZero();
        Result bad = run("validate", file("bad.json", "{\"alertTrigger\":\"MEDIUM\",\"scoring\":{\"pulse\":[]}}"));
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("scoring.pulse is not a chart row");
    }

    @Test
    void aChangeNeedsAReasonAndCredentials() throws Exception {
        String doc = file("w.json", "{\"alertTrigger\":\"HIGH\"}");
        Result noReason = run("set", doc, "--ward", "W-reason", "--auth-file", authFile.toString());
        assertThat(noReason.status()).isEqualTo(64);
        assertThat(noReason.err()).contains("set needs --reason");
        Result noCredentials = run("set", doc, "--ward", "W-reason", "--reason", "x");
        assertThat(noCredentials.status()).isEqualTo(64);
        assertThat(noCredentials.err()).contains("operator's ZooKeeper credentials");
        assertThat(run("get", "--ward", "W-reason").status()).isEqualTo(1);
    }

    @Test
    void setDiffGetStaleVersionHistoryAndRollback() throws Exception {
        String auth = authFile.toString();
        Result first = run("set", file("a.json", "{\"alertTrigger\":\"MEDIUM\"}"), "--ward", "W1", "--reason", "trial",
                "--auth-file", auth, "--operator", "alice");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("+ alertTrigger: MEDIUM").contains("znode version 0");

        Result diff = run("diff", file("b.json", "{\"alertTrigger\":\"HIGH\",\"resolveAfterMinutes\":30}"),
                "--ward", "W1");
        assertThat(diff.out()).contains("~ alertTrigger: MEDIUM -> HIGH").contains("+ resolveAfterMinutes: 30");
        assertThat(run("get", "--ward", "W1").out()).contains("\"MEDIUM\"");

        assertThat(run("set", file("b.json", "{\"alertTrigger\":\"HIGH\"}"), "--ward", "W1", "--reason", "escalate",
                "--auth-file", auth, "--operator", "bob").status()).isZero();
        Result stale = run("set", file("c.json", "{\"resolveAfterMinutes\":5}"), "--ward", "W1", "--reason", "late",
                "--auth-file", auth, "--if-version", "0");
        assertThat(stale.status()).isEqualTo(3);
        assertThat(stale.err()).contains("changed concurrently").contains("expected znode version 0, found 1");

        Result history = run("history", "--ward", "W1");
        assertThat(history.out())
                .containsSubsequence("alice  trial", "bob  escalate", "~ alertTrigger: MEDIUM -> HIGH");
        String firstChange = history.out().lines().filter(l -> l.contains("alice")).findFirst().orElseThrow()
                .split("\\s+")[1];

        assertThat(run("rollback", firstChange, "--ward", "W1", "--auth-file", auth, "--operator", "carol",
                "--reason", "trial over").status()).isZero();
        assertThat(run("get", "--ward", "W1").out()).contains("\"MEDIUM\"");
        assertThat(run("history", "--ward", "W1").out())
                .contains("carol  trial over (rollback to change " + Long.parseLong(firstChange) + ")");
    }

    @Test
    void wrongCredentialsAreRefusedByZooKeeper() throws Exception {
        String auth = authFile.toString();
        assertThat(run("set", file("x.json", "{}"), "--patient", "P-acl", "--reason", "setup", "--auth-file", auth)
                .status()).isZero();
        String wrong = file("wrong.secret", "ops:not-the-password");
        Result refused = run("set", file("y.json", "{\"alertTrigger\":\"HIGH\"}"), "--patient", "P-acl",
                "--reason", "sneaky",
                "--auth-file", wrong);
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("NoAuth");
        assertThat(run("get", "--patient", "P-acl").out()).doesNotContain("HIGH");
    }
}
