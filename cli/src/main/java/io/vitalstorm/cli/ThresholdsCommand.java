package io.vitalstorm.cli;

import io.vitalstorm.coordination.ConcurrentEditException;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.OperatorCredentials;
import io.vitalstorm.coordination.ThresholdsChange;
import io.vitalstorm.coordination.ThresholdsStore;
import io.vitalstorm.coordination.ZnodeAcls;
import io.vitalstorm.coordination.ZooKeeperBootstrap;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.config.ZooKeeperSecurity;
import io.vitalstorm.core.thresholds.ThresholdsDiff;
import io.vitalstorm.core.thresholds.ThresholdsJson;
import io.vitalstorm.core.thresholds.ThresholdsScope;
import io.vitalstorm.topology.cli.ConfigOption;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.UsageException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code vitalstorm thresholds get|set|diff|history|rollback|validate}: the operator's view of the
 * thresholds documents in ZooKeeper. Reads need no credentials; {@code set} and {@code rollback}
 * authenticate as the operator (digest, from {@code --auth-file} or the environment) and write
 * with the znode version they read, so a concurrent edit fails instead of being overwritten.
 * Exit status: 0 done, 2 invalid document, 3 concurrent edit, 1 other failures.
 */
@Command(name = "thresholds", mixinStandardHelpOptions = true,
        description = "The thresholds documents in ZooKeeper: global, per ward, per patient (docs/thresholds.md).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, "2:invalid thresholds document",
            "3:a concurrent edit changed the document first (read it again)", ExitCodes.USAGE_LINE})
final class ThresholdsCommand {

    static final int INVALID = ExitCodes.INVALID;
    static final int CONFLICT = ExitCodes.CONFLICT;

    private final Streams io;

    private ThresholdsCommand(Streams io) {
        this.io = io;
    }

    /** Which document, on which ZooKeeper, and who writes: the options every action takes. */
    static final class Target {
        @Mixin
        ConfigOption config;

        @Option(names = "--ward", paramLabel = "W", description = "the ward's document (default: the global one)")
        String ward;

        @Option(names = "--patient", paramLabel = "P", description = "the patient's document")
        String patient;

        @Option(names = "--operator", paramLabel = "NAME",
                description = "who changes (set, rollback; default: the OS user)")
        String operator;

        @Option(names = "--auth-file", paramLabel = "FILE",
                description = "the operator's ZooKeeper credentials, user:secret (set, rollback; default: "
                        + OperatorCredentials.ENV_FILE + " or " + OperatorCredentials.ENV_SECRET + ")")
        Path authFile;

        ThresholdsScope scope() {
            if (ward != null && patient != null) {
                throw new UsageException("give --ward or --patient, not both");
            }
            return ward != null ? ThresholdsScope.ward(ward)
                    : patient != null ? ThresholdsScope.patient(patient) : ThresholdsScope.GLOBAL;
        }

        String operatorName() {
            return operator != null ? operator : System.getProperty("user.name");
        }

        VitalStormSettings settings() {
            return config.settings();
        }
    }

    /**
     * The secure bootstrap: creates {@code <root>} and every VitalStorm znode with its ACL
     * ({@link ZooKeeperBootstrap}); exit 1 if a znode exists with an ACL the operator cannot fix.
     */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description =
                    "Create the root and every VitalStorm znode with its ACL, as the operator (docs/security.md).",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE,
                    "1:a znode exists with an ACL the operator cannot fix, or ZooKeeper did not answer",
                ExitCodes.USAGE_LINE})
    int init(@Mixin Target target) throws Exception {
        VitalStormSettings s = target.settings();
        OperatorCredentials operator = operatorCredentials(target);
        try (CuratorFramework zk = CuratorClients.startAsOperator(s, operator)) {
            if (!s.zookeeperSecurity().sasl()) {
                store(zk, target).ensureLayout(ThresholdsScope.GLOBAL);
                io.out().println("thresholds tree under " + s.zookeeperRoot() + " ready (" + ZooKeeperSecurity.AUTH
                        + "=none: znodes outside the thresholds tree stay open; set sasl on a cluster)");
                return ExitCodes.DONE;
            }
            List<ZooKeeperBootstrap.Step> steps = new ZooKeeperBootstrap(zk, s.zookeeperRoot(),
                    ZnodeAcls.sasl(operator.user()),
                    ZnodeAcls.sasl(s.zookeeperSecurity().saslUsername())).run();
            steps.forEach(step -> (step.failed() ? io.err() : io.out()).println(step));
            return steps.stream().anyMatch(ZooKeeperBootstrap.Step::failed) ? ExitCodes.FAILED : ExitCodes.DONE;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a thresholds document, change nothing.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:valid", "2:invalid (the reason is on stderr)", ExitCodes.FAILED_LINE,
                    ExitCodes.USAGE_LINE})
    int validate(@Mixin Target target,
            @Parameters(paramLabel = "FILE", description = "a thresholds JSON document") Path file)
            throws Exception {
        return parsed(file, target.scope()).isPresent() ? ExitCodes.DONE : INVALID;
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Print the stored document (its znode version on stderr).",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, "1:no document for this scope, or ZooKeeper did not answer",
                    ExitCodes.USAGE_LINE})
    int get(@Mixin Target target) throws Exception {
        ThresholdsScope scope = target.scope();
        try (CuratorFramework zk = reader(target)) {
            Optional<ThresholdsStore.Stored> stored = store(zk, target).read(scope);
            if (stored.isEmpty()) {
                io.err().println("no thresholds document for " + scope
                        + (scope.equals(ThresholdsScope.GLOBAL) ? " (the defaults apply)" : ""));
                return ExitCodes.FAILED;
            }
            io.err().println("# " + scope + ", znode version " + stored.get().version());
            io.out().println(stored.get().text());
            return ExitCodes.DONE;
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true, description = "What setting FILE would change.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, "2:invalid document", ExitCodes.USAGE_LINE})
    int diff(@Mixin Target target,
            @Parameters(paramLabel = "FILE", description = "a thresholds JSON document") Path file)
            throws Exception {
        ThresholdsScope scope = target.scope();
        Optional<byte[]> next = parsed(file, scope);
        if (next.isEmpty()) {
            return INVALID;
        }
        try (CuratorFramework zk = reader(target)) {
            byte[] current = store(zk, target).read(scope).map(ThresholdsStore.Stored::json).orElse(null);
            printDiff(ThresholdsDiff.between(current, next.get()));
            return ExitCodes.DONE;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Every recorded change: number, when, who, why, what.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int history(@Mixin Target target) throws Exception {
        ThresholdsScope scope = target.scope();
        try (CuratorFramework zk = reader(target)) {
            List<ThresholdsChange> changes = store(zk, target).history(scope);
            if (changes.isEmpty()) {
                io.out().println("no recorded changes for " + scope);
            }
            for (ThresholdsChange c : changes) {
                io.out().printf("change %d  %s  %s  %s%n", c.number(), c.when(), c.who(), c.why());
                ThresholdsDiff.between(c.beforeBytes(), c.afterBytes())
                        .forEach(line -> io.out().println("    " + line));
            }
            return ExitCodes.DONE;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Replace the document, audited, with the znode version read (or --if-version).",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, "1:refused (credentials), or ZooKeeper did not answer",
                    "2:invalid document",
                "3:a concurrent edit changed the document first (read it again)", ExitCodes.USAGE_LINE})
    int set(@Mixin Target target,
            @Parameters(paramLabel = "FILE", description = "a thresholds JSON document") Path file,
            @Option(names = "--reason", paramLabel = "R",
                    description = "why this change (goes into the audit record)") String reason,
            @Option(names = "--if-version", paramLabel = "N",
                    description = "write only over this znode version") Integer ifVersion)
            throws Exception {
        ThresholdsScope scope = target.scope();
        Optional<byte[]> next = parsed(file, scope);
        if (next.isEmpty()) {
            return INVALID;
        }
        if (reason == null || reason.isBlank()) {
            throw new UsageException("set needs --reason \"why this change\" (it goes into the audit record)");
        }
        return write(target, store -> {
            Optional<ThresholdsStore.Stored> current = store.read(scope);
            int expected = ifVersion != null ? ifVersion : current.map(ThresholdsStore.Stored::version).orElse(-1);
            printDiff(ThresholdsDiff.between(current.map(ThresholdsStore.Stored::json).orElse(null), next.get()));
            return store.set(scope, next.get(), expected, target.operatorName(), reason);
        });
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Restore the document as it was before CHANGE.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, "1:refused (credentials), or ZooKeeper did not answer",
                "3:a concurrent edit changed the document first", ExitCodes.USAGE_LINE})
    int rollback(@Mixin Target target,
                 @Parameters(paramLabel = "CHANGE",
                         description = "the change number (see: thresholds history)") long change,
                 @Option(names = "--reason", paramLabel = "R",
                         description = "why (goes into the audit record)") String reason)
            throws Exception {
        ThresholdsScope scope = target.scope();
        return write(target, store -> store.rollback(scope, change, target.operatorName(), reason));
    }

    private interface Change {
        ThresholdsStore.Applied apply(ThresholdsStore store) throws Exception;
    }

    private static OperatorCredentials operatorCredentials(Target target) throws Exception {
        return OperatorCredentials.locate(target.authFile, System.getenv()).orElseThrow(() ->
                new UsageException("this needs the operator's ZooKeeper credentials: --auth-file FILE, or "
                        + OperatorCredentials.ENV_FILE + " / " + OperatorCredentials.ENV_SECRET));
    }

    private int write(Target target, Change change) throws Exception {
        VitalStormSettings s = target.settings();
        OperatorCredentials operator = operatorCredentials(target);
        ThresholdsScope scope = target.scope();
        try (CuratorFramework zk = CuratorClients.startAsOperator(s, operator)) {
            ThresholdsStore store = store(zk, target);
            store.ensureLayout(scope);  // before reading the version: a first change creates the global document
            ThresholdsStore.Applied applied = change.apply(store);
            io.out().println("thresholds of " + scope + " now at znode version " + applied.version()
                    + " (change " + applied.change() + ")");
            return ExitCodes.DONE;
        } catch (ConcurrentEditException e) {
            io.err().println("vitalstorm thresholds: " + e.getMessage());
            return CONFLICT;
        } catch (KeeperException.NoAuthException e) {
            io.err().println("vitalstorm thresholds: ZooKeeper refused the change (NoAuth): these operator credentials"
                    + " may not write thresholds");
            return ExitCodes.FAILED;
        }
    }

    /** The file's document if it is valid; otherwise the problem is printed and the result is empty. */
    private Optional<byte[]> parsed(Path file, ThresholdsScope scope) throws Exception {
        byte[] json = Files.readAllBytes(file);
        try {
            ThresholdsJson.parse(json);
        } catch (IllegalArgumentException e) {
            io.err().println("invalid thresholds: " + e.getMessage());
            return Optional.empty();
        }
        io.out().println("valid thresholds document for " + scope);
        return Optional.of(json);
    }

    private void printDiff(List<String> lines) {
        if (lines.isEmpty()) {
            io.out().println("no change");
        }
        lines.forEach(io.out()::println);
    }

    /** Reading needs no rights, but with SASL the server admits only clients that log in: then as the operator. */
    private static CuratorFramework reader(Target target) throws Exception {
        VitalStormSettings s = target.settings();
        return s.zookeeperSecurity().sasl() ? CuratorClients.startAsOperator(s, operatorCredentials(target))
                : CuratorClients.startNew(s);
    }

    private static ThresholdsStore store(CuratorFramework zk, Target target) {
        return new ThresholdsStore(zk, target.settings().zookeeperRoot(), Clock.systemUTC());
    }
}
