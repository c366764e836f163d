package io.vitalstorm.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes cassandra.yaml and the logback config of one throwaway node from templates. */
final class CassandraConfigFiles {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    final Path yaml;
    final Path logbackXml;
    final Path logFile;

    private CassandraConfigFiles(Path yaml, Path logbackXml, Path logFile) {
        this.yaml = yaml;
        this.logbackXml = logbackXml;
        this.logFile = logFile;
    }

    /**
     * Writes both files under {@code dir}/conf; data and logs go under {@code dir} too. With
     * {@code passwordAuth}: PasswordAuthenticator and CassandraAuthorizer (superuser cassandra/cassandra at
     * first start). With {@code durableWrites}: the commit log is synced before a write is acknowledged (group mode,
     * 15 ms window), so an acknowledged row survives SIGKILL; in the default periodic mode (10 s) a replay after
     * a kill stops at the last sync marker and the writes of the last seconds are gone. With {@code tls}: the
     * native port speaks TLS only ({@code client_encryption_options}, not optional); the yaml then holds the key
     * store's password (Cassandra 5 reads it from nowhere else) and is written 0600.
     */
    static CassandraConfigFiles write(Path dir, int nativePort, int storagePort,
            boolean passwordAuth, boolean durableWrites, LoopbackCertificates tls) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path logFile = Files.createDirectories(dir.resolve("logs")).resolve("system.log");
        CassandraConfigFiles files = new CassandraConfigFiles(
                conf.resolve("cassandra.yaml"), conf.resolve("logback.xml"), logFile);
        String yaml = render("cassandra.yaml.template", Map.of(
                "dir", dir.toAbsolutePath().toString(),
                "native_port", String.valueOf(nativePort),
                "storage_port", String.valueOf(storagePort),
                "authenticator", passwordAuth ? "PasswordAuthenticator" : "AllowAllAuthenticator",
                "authorizer", passwordAuth ? "CassandraAuthorizer" : "AllowAllAuthorizer",
                "commitlog_sync", durableWrites
                        ? "commitlog_sync: group\ncommitlog_sync_group_window: 15ms"
                        : "commitlog_sync: periodic\ncommitlog_sync_period: 10000ms",
                "client_encryption", tls == null ? "" : String.join("\n", "client_encryption_options:",
                        "  enabled: true", "  optional: false", "  keystore: " + tls.keystore(),
                        "  keystore_password: " + tls.keystorePassword(), "  store_type: PKCS12",
                        "  require_client_auth: false")));
        if (tls == null) {
            Files.writeString(files.yaml, yaml);
        } else {
            LoopbackCertificates.writeSecret(files.yaml, yaml);
        }
        Files.writeString(files.logbackXml, render("cassandra-logback.xml.template", Map.of(
                "log_file", logFile.toAbsolutePath().toString())));
        return files;
    }

    private static String render(String template, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = CassandraConfigFiles.class.getResourceAsStream(template)) {
            if (in == null) {
                throw new IllegalStateException("resource " + template + " missing from vitalstorm-infra");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for ${" + matcher.group(1) + "} in " + template);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(out).toString();
    }
}
