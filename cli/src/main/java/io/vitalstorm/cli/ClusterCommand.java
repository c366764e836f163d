package io.vitalstorm.cli;

import io.vitalstorm.topology.SubmitCommand;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.UsageException;
import org.apache.storm.generated.ClusterSummary;
import org.apache.storm.generated.KillOptions;
import org.apache.storm.generated.SupervisorSummary;
import org.apache.storm.generated.TopologySummary;
import org.apache.storm.utils.NimbusClient;
import org.apache.storm.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./vitalstorm submit | kill | status}: what {@code storm jar}, {@code storm kill} and
 * {@code storm list} do, for machines without a Storm client. The Nimbus to talk to comes from
 * a storm.yaml ({@code --storm-conf}, else $STORM_CONF_FILE, else Storm's own search).
 */
final class ClusterCommand {

    private ClusterCommand() {
    }

    /**
     * {@code --storm-conf FILE}: which Nimbus; read by Utils.readStormConfig(), which StormSubmitter and NimbusClient
     * both use.
     */
    static final class StormConf {
        @Option(names = "--storm-conf", paramLabel = "storm.yaml", defaultValue = "${env:STORM_CONF_FILE}",
                description = "the cluster's storm.yaml (default: $STORM_CONF_FILE, else Storm's own search)")
        private String file;

        void apply() {
            if (file != null) {
                System.setProperty("storm.conf.file", Path.of(file).toAbsolutePath().toString());
            }
        }
    }

    /** The topology jar's own main class, with storm.jar set as `storm jar` sets it. */
    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Submit the topology to a Storm cluster, as `storm jar` does.",
                "Other options go to SubmitCommand (docs/operations.md): [--name NAME] [--config FILE.yaml]"
                        + " [--workers N] [-c key=value ...]"},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    static final class Submit implements Callable<Integer> {
        @Mixin
        private StormConf stormConf;

        @Option(names = "--jar", required = true, paramLabel = "JAR",
                description = "the topology jar (the script passes it)")
        private Path jar;

        @Unmatched
        private List<String> submitArgs = new ArrayList<>();

        private final Streams io;

        private Submit(Streams io) {
            this.io = io;
        }

        /** SubmitCommand's own status: it reports its usage mistakes and failures as every command does. */
        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(jar)) {
                throw new UsageException("submit needs --jar pointing at the topology jar (got " + jar + ")");
            }
            stormConf.apply();
            System.setProperty("storm.jar", jar.toAbsolutePath().toString());
            return SubmitCommand.execute(submitArgs.toArray(String[]::new), io.out(), io.err());
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true, description = "Kill a topology, as `storm kill` does.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    static final class Kill implements Callable<Integer> {
        @Mixin
        private StormConf stormConf;

        @Option(names = "--wait", paramLabel = "SECS", defaultValue = "30",
                description = "the workers stop after this long (default: ${DEFAULT-VALUE})")
        private int waitSeconds;

        @Parameters(paramLabel = "NAME", description = "the topology")
        private String name;

        private final Streams io;

        private Kill(Streams io) {
            this.io = io;
        }

        @Override
        public Integer call() throws Exception {
            stormConf.apply();
            KillOptions options = new KillOptions();
            options.set_wait_secs(waitSeconds);
            try (NimbusClient nimbus = nimbus()) {
                nimbus.getClient().killTopologyWithOpts(name, options);
            }
            io.out().println("killed " + name + " (workers stop after " + options.get_wait_secs() + " s)");
            return ExitCodes.DONE;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "The cluster's topologies and supervisors, as `storm list` does.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    static final class Status implements Callable<Integer> {
        @Mixin
        private StormConf stormConf;

        private final Streams io;

        private Status(Streams io) {
            this.io = io;
        }

        @Override
        public Integer call() throws Exception {
            stormConf.apply();
            ClusterSummary summary;
            try (NimbusClient nimbus = nimbus()) {
                summary = nimbus.getClient().getClusterInfo();
            }
            io.out().printf("%-30s %-10s %7s %9s %9s%n", "TOPOLOGY", "STATUS", "WORKERS", "EXECUTORS", "UPTIME_S");
            for (TopologySummary t : summary.get_topologies()) {
                io.out().printf("%-30s %-10s %7d %9d %9d%n", t.get_name(), t.get_status(), t.get_num_workers(),
                        t.get_num_executors(), t.get_uptime_secs());
            }
            io.out().printf("%n%-30s %5s %9s%n", "SUPERVISOR", "SLOTS", "USED");
            for (SupervisorSummary s : summary.get_supervisors()) {
                io.out().printf("%-30s %5d %9d%n", s.get_host(), s.get_num_workers(), s.get_num_used_workers());
            }
            return ExitCodes.DONE;
        }
    }

    private static NimbusClient nimbus() throws Exception {
        Map<String, Object> conf = Utils.readStormConfig();
        return NimbusClient.getConfiguredClient(conf);
    }
}
