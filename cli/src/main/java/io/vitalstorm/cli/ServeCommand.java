package io.vitalstorm.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.infra.LoopbackCertificates;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.cassandra.DashboardUsers;
import io.vitalstorm.topology.cli.ConfigOption;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.UsageException;
import io.vitalstorm.web.Accounts;
import io.vitalstorm.web.Dashboard;
import io.vitalstorm.web.User;
import io.vitalstorm.web.WebSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code vitalstorm serve}: the clinician dashboard and data-access API over the servers named in
 * the config file (the topology's keys, plus {@code vitalstorm.web.*}); {@code serve add-user}
 * creates or replaces an account. The demo starts the same server with a demo clinician.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description =
                "The clinician dashboard and data-access API over the servers of the config file (docs/dashboard.md);"
                + " Ctrl-C stops it.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
public final class ServeCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "listen address (default: vitalstorm.web.host)")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", description = "listen port (default: vitalstorm.web.port)")
    private Integer port;

    private final PrintStream out;

    private ServeCommand(Streams io) {
        this.out = io.out();
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> conf = config.conf();
        if (host != null) {
            conf.put(WebSettings.HOST.key(), host);
        }
        if (port != null) {
            conf.put(WebSettings.PORT.key(), port);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (Dashboard dashboard = Dashboard.start(VitalStormSettings.fromMap(conf), WebSettings.fromMap(conf))) {
            out.println("VitalStorm dashboard at " + dashboard.url() + " (Ctrl-C stops it)");
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return ExitCodes.DONE;
    }

    /**
     * The demo's dashboard on {@code port} (0: any free port) over HTTPS with a throwaway self-signed
     * certificate for 127.0.0.1 (keytool, {@link LoopbackCertificates}), a throwaway pseudonym key (0600)
     * in {@code secrets}, and a clinician of every demo ward with a fresh password.
     */
    public static Dashboard startForDemo(VitalStormSettings s, int port, Path secrets, List<PatientProfile> patients,
            PrintStream out) throws Exception {
        Map<String, Object> conf = new HashMap<>(s.toMap());
        conf.put(WebSettings.PORT.key(), port);
        conf.put(WebSettings.PSEUDONYM_KEY_FILE.key(),
                SecretFiles.write(secrets.resolve("web-pseudonym.key"), randomText(44)).toString());
        LoopbackCertificates tls = LoopbackCertificates.generate(secrets.resolve("web-tls"), "127.0.0.1");
        Files.setPosixFilePermissions(tls.keystore(), PosixFilePermissions.fromString("rw-------"));
        conf.put(WebSettings.KEYSTORE_FILE.key(), tls.keystore().toString());
        conf.put(WebSettings.KEYSTORE_PASSWORD_FILE.key(),
                SecretFiles.write(secrets.resolve("web-keystore.password"), tls.keystorePassword()).toString());
        Dashboard dashboard = Dashboard.start(s, WebSettings.fromMap(conf));
        String password = randomText(16);
        Set<String> wards = patients.stream().map(PatientProfile::ward)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> teams = patients.stream().map(PatientProfile::careTeam)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        dashboard.accounts().create("demo.clinician", "Dr Demo", password, Set.of(User.CLINICIAN), wards, teams, null);
        out.println("dashboard: " + dashboard.url() + "  log in as demo.clinician / " + password
                + "  (wards " + String.join(", ", wards) + ")");
        out.println("  HTTPS with a throwaway self-signed certificate: the browser asks to accept it once; "
                + "its SHA-256 fingerprint is " + fingerprint(tls));
        return dashboard;
    }

    @Command(name = "add-user", mixinStandardHelpOptions = true, description = "Create or replace a dashboard account.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE,
                    "64:wrong usage, or an account the rules refuse"})
    int addUser(@Mixin ConfigOption userConfig,
                @Parameters(paramLabel = "NAME", description = "the login name") String username,
                @Option(names = "--roles", required = true, paramLabel = "R1,R2",
                        description = "clinician, operator, data-engineer, patient") String roles,
                @Option(names = "--password-file", required = true, paramLabel = "F",
                        description = "a file holding the password")
                Path passwordFile,
                @Option(names = "--wards", paramLabel = "W1,W2|*",
                        description = "the wards a clinician sees") String wards,
                @Option(names = "--care-teams", paramLabel = "T1,T2",
                        description = "the care teams a clinician sees") String careTeams,
                @Option(names = "--patient", paramLabel = "ID",
                        description = "the patient a patient account sees") String patient,
                @Option(names = "--display-name", paramLabel = "TEXT",
                        description = "shown on the dashboard (default: NAME)")
                String displayName) throws Exception {
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        VitalStormSettings s = userConfig.settings();
        try (CqlSession session = CassandraSessions.open(s)) {
            new Accounts(new DashboardUsers(session, s.cassandraKeyspace())).create(username,
                    displayName != null ? displayName : username, password, list(roles), list(wards),
                    list(careTeams), patient);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        out.println("user " + username + " saved (roles " + roles + ")");
        return ExitCodes.DONE;
    }

    private static Set<String> list(String csv) {
        return csv == null ? Set.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String fingerprint(LoopbackCertificates tls) throws Exception {
        KeyStore store = KeyStore.getInstance(tls.keystore().toFile(), tls.keystorePassword().toCharArray());
        byte[] der = store.getCertificate(store.aliases().nextElement()).getEncoded();
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    private static String randomText(int length) {
        String alphabet = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
