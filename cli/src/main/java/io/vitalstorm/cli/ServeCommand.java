package io.vitalstorm.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.DashboardUsers;
import io.vitalstorm.web.Accounts;
import io.vitalstorm.web.Dashboard;
import io.vitalstorm.web.User;
import io.vitalstorm.web.WebSettings;
import org.apache.storm.utils.Utils;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code vitalstorm serve}: the clinician dashboard and data-access API over the servers named in
 * the config file (the topology's keys, plus {@code vitalstorm.web.*}); {@code serve add-user}
 * creates or replaces an account. The demo starts the same server with a demo clinician.
 */
public final class ServeCommand {

    static final String USAGE = "serve [--config vitalstorm.yaml] [--host 127.0.0.1] [--port 8080]   the dashboard (docs/dashboard.md)\n"
            + "  serve add-user NAME --roles clinician[,operator,data-engineer,patient] --password-file F\n"
            + "        [--wards W1,W2|*] [--care-teams T1,T2] [--patient ID] [--display-name TEXT] [--config vitalstorm.yaml]";

    private ServeCommand() {
    }

    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        if (argv.length > 1 && argv[1].equals("add-user")) {
            return addUser(argv, out);
        }
        Args args = Args.parse(argv, 1, Set.of("--config", "--host", "--port"), Set.of());
        Map<String, Object> conf = conf(args.option("--config"));
        if (args.option("--host") != null) {
            conf.put("vitalstorm.web.host", args.option("--host"));
        }
        if (args.option("--port") != null) {
            conf.put("vitalstorm.web.port", args.option("--port"));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (Dashboard dashboard = Dashboard.start(VitalStormSettings.fromMap(conf), WebSettings.fromMap(conf))) {
            out.println("VitalStorm dashboard at " + dashboard.url() + " (Ctrl-C stops it)");
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }

    /** The demo's dashboard on {@code port} (0: any free port), and a clinician of every demo ward with a fresh password. */
    public static Dashboard startForDemo(VitalStormSettings s, int port, List<PatientProfile> patients, PrintStream out) {
        Map<String, Object> conf = new HashMap<>(s.toMap());
        conf.put("vitalstorm.web.port", port);
        Dashboard dashboard = Dashboard.start(s, WebSettings.fromMap(conf));
        String password = randomPassword();
        Set<String> wards = patients.stream().map(PatientProfile::ward).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> teams = patients.stream().map(PatientProfile::careTeam).collect(Collectors.toCollection(LinkedHashSet::new));
        dashboard.accounts().create("demo.clinician", "Dr Demo", password, Set.of(User.CLINICIAN), wards, teams, null);
        out.println("dashboard: " + dashboard.url() + "  log in as demo.clinician / " + password
                + "  (wards " + String.join(", ", wards) + ")");
        return dashboard;
    }

    private static int addUser(String[] argv, PrintStream out) throws Exception {
        Args args = Args.parse(argv, 2, Set.of("--config", "--roles", "--wards", "--care-teams", "--patient",
                "--display-name", "--password-file"), Set.of());
        if (args.positional().size() != 1 || args.option("--roles") == null || args.option("--password-file") == null) {
            throw new Args.UsageException("expected: " + USAGE);
        }
        String username = args.positional().get(0);
        String password = Files.readString(Path.of(args.option("--password-file")), StandardCharsets.UTF_8).strip();
        VitalStormSettings s = VitalStormSettings.fromMap(conf(args.option("--config")));
        try (CqlSession session = CassandraSessions.open(s)) {
            new Accounts(new DashboardUsers(session, s.cassandraKeyspace())).create(username,
                    args.option("--display-name", username), password, list(args.option("--roles")),
                    list(args.option("--wards")), list(args.option("--care-teams")), args.option("--patient"));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        out.println("user " + username + " saved (roles " + args.option("--roles") + ")");
        return 0;
    }

    private static Map<String, Object> conf(String configFile) {
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        if (configFile != null) {
            conf.putAll(Utils.findAndReadConfigFile(configFile, true));
        }
        return conf;
    }

    private static Set<String> list(String csv) {
        return csv == null ? Set.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
