package io.vitalstorm.cli;

import io.vitalstorm.topology.SubmitCommand;
import org.apache.storm.generated.ClusterSummary;
import org.apache.storm.generated.KillOptions;
import org.apache.storm.generated.SupervisorSummary;
import org.apache.storm.generated.TopologySummary;
import org.apache.storm.utils.NimbusClient;
import org.apache.storm.utils.Utils;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./vitalstorm submit | kill | status}: what {@code storm jar}, {@code storm kill} and
 * {@code storm list} do, for machines without a Storm client. The Nimbus to talk to comes from
 * a storm.yaml ({@code --storm-conf}, else $STORM_CONF_FILE, else Storm's own search).
 */
final class ClusterCommand {

    static final String USAGE = "submit|kill|status [--storm-conf storm.yaml] ...  a Storm cluster:"
            + " submit [--jar JAR] [SubmitCommand options]; kill NAME [--wait SECS]; status";

    private ClusterCommand() {
    }

    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(argv).subList(1, argv.length));
        String stormConf = take(rest, "--storm-conf", System.getenv("STORM_CONF_FILE"));
        if (stormConf != null) {
            // read by Utils.readStormConfig(), which StormSubmitter and NimbusClient both use
            System.setProperty("storm.conf.file", Path.of(stormConf).toAbsolutePath().toString());
        }
        return switch (argv[0]) {
            case "submit" -> submit(rest);
            case "kill" -> kill(rest, out);
            case "status" -> status(rest, out);
            default -> throw new Args.UsageException("unknown cluster command " + argv[0]);
        };
    }

    /** The topology jar's own main class, with storm.jar set as `storm jar` sets it. */
    private static int submit(List<String> rest) throws Exception {
        String jar = take(rest, "--jar", null);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new Args.UsageException("submit needs --jar pointing at the topology jar (got " + jar + ")");
        }
        System.setProperty("storm.jar", Path.of(jar).toAbsolutePath().toString());
        SubmitCommand.main(rest.toArray(String[]::new));
        return 0;
    }

    private static int kill(List<String> rest, PrintStream out) throws Exception {
        Args a = Args.parse(rest.toArray(String[]::new), 0, Set.of("--wait"), Set.of());
        if (a.positional().size() != 1) {
            throw new Args.UsageException("kill needs exactly one topology name");
        }
        KillOptions options = new KillOptions();
        options.set_wait_secs(Integer.parseInt(a.option("--wait", "30")));
        try (NimbusClient nimbus = nimbus()) {
            nimbus.getClient().killTopologyWithOpts(a.positional().get(0), options);
        }
        out.println("killed " + a.positional().get(0) + " (workers stop after " + options.get_wait_secs() + " s)");
        return 0;
    }

    private static int status(List<String> rest, PrintStream out) throws Exception {
        Args.parse(rest.toArray(String[]::new), 0, Set.of(), Set.of());
        ClusterSummary summary;
        try (NimbusClient nimbus = nimbus()) {
            summary = nimbus.getClient().getClusterInfo();
        }
        out.printf("%-30s %-10s %7s %9s %9s%n", "TOPOLOGY", "STATUS", "WORKERS", "EXECUTORS", "UPTIME_S");
        for (TopologySummary t : summary.get_topologies()) {
            out.printf("%-30s %-10s %7d %9d %9d%n", t.get_name(), t.get_status(), t.get_num_workers(),
                    t.get_num_executors(), t.get_uptime_secs());
        }
        out.printf("%n%-30s %5s %9s%n", "SUPERVISOR", "SLOTS", "USED");
        for (SupervisorSummary s : summary.get_supervisors()) {
            out.printf("%-30s %5d %9d%n", s.get_host(), s.get_num_workers(), s.get_num_used_workers());
        }
        return 0;
    }

    private static NimbusClient nimbus() throws Exception {
        Map<String, Object> conf = Utils.readStormConfig();
        return NimbusClient.getConfiguredClient(conf);
    }

    /** Removes {@code option VALUE} from {@code args}, returning the value or the fallback. */
    private static String take(List<String> args, String option, String fallback) {
        int i = args.indexOf(option);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new Args.UsageException(option + " needs a value");
        }
        String value = args.get(i + 1);
        args.subList(i, i + 2).clear();
        return value;
    }
}
