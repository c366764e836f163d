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
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vitalstorm thresholds get|set|diff|history|rollback|validate}: the operator's view of the
 * thresholds documents in ZooKeeper. Reads need no credentials; {@code set} and {@code rollback}
 * authenticate as the operator (digest, from {@code --auth-file} or the environment) and write
 * with the znode version they read, so a concurrent edit fails instead of being overwritten.
 * Exit status: 0 done, 2 invalid document, 3 concurrent edit, 1 other failures.
 */
public final class ThresholdsCommand {

    static final String USAGE = "thresholds init|get|set FILE --reason R|diff FILE|history|rollback CHANGE|validate FILE"
            + " [--config vitalstorm.yaml] [--ward W | --patient P] [--operator NAME] [--auth-file FILE] [--if-version N]";

    static final int INVALID = 2;
    static final int CONFLICT = 3;

    private static final Set<String> VALUED = Set.of("--config", "--ward", "--patient", "--operator", "--auth-file",
            "--reason", "--if-version");

    private final Args args;
    private final PrintStream out;
    private final PrintStream err;
    private final ThresholdsScope scope;

    private ThresholdsCommand(Args args, PrintStream out, PrintStream err) {
        this.args = args;
        this.out = out;
        this.err = err;
        this.scope = scopeOf(args);
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.length < 2) {
            throw new Args.UsageException("expected: " + USAGE);
        }
        ThresholdsCommand cmd = new ThresholdsCommand(Args.parse(argv, 2, VALUED, Set.of()), out, err);
        return switch (argv[1]) {
            case "init" -> cmd.init();
            case "validate" -> cmd.validate();
            case "get" -> cmd.get();
            case "diff" -> cmd.diff();
            case "history" -> cmd.history();
            case "set" -> cmd.set();
            case "rollback" -> cmd.rollback();
            default -> throw new Args.UsageException("unknown thresholds action " + argv[1] + "; expected: " + USAGE);
        };
    }

    private static ThresholdsScope scopeOf(Args args) {
        String ward = args.option("--ward");
        String patient = args.option("--patient");
        if (ward != null && patient != null) {
            throw new Args.UsageException("give --ward or --patient, not both");
        }
        return ward != null ? ThresholdsScope.ward(ward) : patient != null ? ThresholdsScope.patient(patient) : ThresholdsScope.GLOBAL;
    }

    /**
     * The secure bootstrap: creates {@code <root>} and every VitalStorm znode with its ACL
     * ({@link ZooKeeperBootstrap}); exit 1 if a znode exists with an ACL the operator cannot fix.
     */
    private int init() throws Exception {
        VitalStormSettings s = settings();
        OperatorCredentials operator = operatorCredentials();
        try (CuratorFramework zk = CuratorClients.startAsOperator(s, operator)) {
            if (!s.zookeeperSecurity().sasl()) {
                store(zk).ensureLayout(ThresholdsScope.GLOBAL);
                out.println("thresholds tree under " + s.zookeeperRoot() + " ready (" + ZooKeeperSecurity.AUTH
                        + "=none: znodes outside the thresholds tree stay open; set sasl on a cluster)");
                return 0;
            }
            List<ZooKeeperBootstrap.Step> steps = new ZooKeeperBootstrap(zk, s.zookeeperRoot(), ZnodeAcls.sasl(operator.user()),
                    ZnodeAcls.sasl(s.zookeeperSecurity().saslUsername())).run();
            steps.forEach(step -> (step.failed() ? err : out).println(step));
            return steps.stream().anyMatch(ZooKeeperBootstrap.Step::failed) ? 1 : 0;
        }
    }

    private int validate() throws Exception {
        return parsedFile().isPresent() ? 0 : INVALID;
    }

    private int get() throws Exception {
        try (CuratorFramework zk = reader()) {
            Optional<ThresholdsStore.Stored> stored = store(zk).read(scope);
            if (stored.isEmpty()) {
                err.println("no thresholds document for " + scope + (scope.equals(ThresholdsScope.GLOBAL) ? " (the defaults apply)" : ""));
                return 1;
            }
            err.println("# " + scope + ", znode version " + stored.get().version());
            out.println(stored.get().text());
            return 0;
        }
    }

    private int diff() throws Exception {
        Optional<byte[]> next = parsedFile();
        if (next.isEmpty()) {
            return INVALID;
        }
        try (CuratorFramework zk = reader()) {
            byte[] current = store(zk).read(scope).map(ThresholdsStore.Stored::json).orElse(null);
            printDiff(ThresholdsDiff.between(current, next.get()));
            return 0;
        }
    }

    private int history() throws Exception {
        try (CuratorFramework zk = reader()) {
            List<ThresholdsChange> changes = store(zk).history(scope);
            if (changes.isEmpty()) {
                out.println("no recorded changes for " + scope);
            }
            for (ThresholdsChange c : changes) {
                out.printf("change %d  %s  %s  %s%n", c.number(), c.when(), c.who(), c.why());
                ThresholdsDiff.between(c.beforeBytes(), c.afterBytes()).forEach(line -> out.println("    " + line));
            }
            return 0;
        }
    }

    private int set() throws Exception {
        Optional<byte[]> next = parsedFile();
        if (next.isEmpty()) {
            return INVALID;
        }
        String reason = args.option("--reason");
        if (reason == null || reason.isBlank()) {
            throw new Args.UsageException("set needs --reason \"why this change\" (it goes into the audit record)");
        }
        return write(store -> {
            Optional<ThresholdsStore.Stored> current = store.read(scope);
            int expected = args.option("--if-version") != null ? Integer.parseInt(args.option("--if-version"))
                    : current.map(ThresholdsStore.Stored::version).orElse(-1);
            printDiff(ThresholdsDiff.between(current.map(ThresholdsStore.Stored::json).orElse(null), next.get()));
            return store.set(scope, next.get(), expected, operator(), reason);
        });
    }

    private int rollback() throws Exception {
        if (args.positional().size() != 1) {
            throw new Args.UsageException("rollback needs the change number (see: thresholds history)");
        }
        long change = Long.parseLong(args.positional().get(0));
        return write(store -> store.rollback(scope, change, operator(), args.option("--reason")));
    }

    private interface Change {
        ThresholdsStore.Applied apply(ThresholdsStore store) throws Exception;
    }

    private OperatorCredentials operatorCredentials() throws Exception {
        Path authFile = args.option("--auth-file") == null ? null : Path.of(args.option("--auth-file"));
        return OperatorCredentials.locate(authFile, System.getenv()).orElseThrow(() ->
                new Args.UsageException("this needs the operator's ZooKeeper credentials: --auth-file FILE, or "
                        + OperatorCredentials.ENV_FILE + " / " + OperatorCredentials.ENV_SECRET));
    }

    private int write(Change change) throws Exception {
        VitalStormSettings s = settings();
        OperatorCredentials operator = operatorCredentials();
        try (CuratorFramework zk = CuratorClients.startAsOperator(s, operator)) {
            ThresholdsStore store = store(zk);
            store.ensureLayout(scope);  // before reading the version: a first change creates the global document
            ThresholdsStore.Applied applied = change.apply(store);
            out.println("thresholds of " + scope + " now at znode version " + applied.version() + " (change " + applied.change() + ")");
            return 0;
        } catch (ConcurrentEditException e) {
            err.println("vitalstorm thresholds: " + e.getMessage());
            return CONFLICT;
        } catch (KeeperException.NoAuthException e) {
            err.println("vitalstorm thresholds: ZooKeeper refused the change (NoAuth): these operator credentials may not write thresholds");
            return 1;
        }
    }

    /** The file's document if it is valid; otherwise the problem is printed and the result is empty. */
    private Optional<byte[]> parsedFile() throws Exception {
        if (args.positional().size() != 1) {
            throw new Args.UsageException("expected one thresholds JSON file");
        }
        byte[] json = Files.readAllBytes(Path.of(args.positional().get(0)));
        try {
            ThresholdsJson.parse(json);
        } catch (IllegalArgumentException e) {
            err.println("invalid thresholds: " + e.getMessage());
            return Optional.empty();
        }
        out.println("valid thresholds document for " + scope);
        return Optional.of(json);
    }

    private void printDiff(List<String> lines) {
        if (lines.isEmpty()) {
            out.println("no change");
        }
        lines.forEach(out::println);
    }

    private String operator() {
        return args.option("--operator", System.getProperty("user.name"));
    }

    private VitalStormSettings settings() {
        return ConfigFiles.settings(args.option("--config"));
    }

    /** Reading needs no rights, but with SASL the server admits only clients that log in: then as the operator. */
    private CuratorFramework reader() throws Exception {
        VitalStormSettings s = settings();
        return s.zookeeperSecurity().sasl() ? CuratorClients.startAsOperator(s, operatorCredentials())
                : CuratorClients.startNew(s.zookeeperConnect());
    }

    private ThresholdsStore store(CuratorFramework zk) {
        return new ThresholdsStore(zk, settings().zookeeperRoot(), Clock.systemUTC());
    }
}
