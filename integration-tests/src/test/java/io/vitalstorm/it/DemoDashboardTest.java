package io.vitalstorm.it;

import io.vitalstorm.cli.ServeCommand;
import io.vitalstorm.core.model.PatientProfile;
import io.vitalstorm.core.model.Spo2Scale;
import io.vitalstorm.web.Dashboard;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's dashboard ({@code ServeCommand.startForDemo}) on the shared servers: HTTPS with a
 * throwaway self-signed certificate whose fingerprint it prints, the printed demo login works over
 * it, and its throwaway secrets (pseudonym key, keystore and its password) are the owner's only.
 */
class DemoDashboardTest {

    @Test
    void theDemoServesHttpsWithAThrowawayCertificateAndThePrintedLoginWorks() throws Exception {
        Path secrets = Path.of("target", "demo-dashboard-" + ProcessHandle.current().pid()).toAbsolutePath();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PatientProfile patient = new PatientProfile("DEMO-W1", "Demo Patient", 60, "Ward-Demo", "Team Demo", "Dr Demo",
                Spo2Scale.SCALE_1, null);
        try (ServerClients servers = ServerClients.open("demoweb");
             Dashboard dashboard = ServeCommand.startForDemo(servers.settings, 0, secrets, List.of(patient),
                     new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(dashboard.url()).startsWith("https://127.0.0.1:");
            Matcher login = Pattern.compile("dashboard: (\\S+)  log in as demo.clinician / (\\S+)").matcher(out);
            assertThat(login.find()).as(out).isTrue();
            assertThat(login.group(1)).isEqualTo(dashboard.url());
            for (String secret : List.of("web-pseudonym.key", "web-keystore.password", "web-tls/server.keystore.p12")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets.resolve(secret))))
                        .as(secret).isEqualTo("rw-------");
            }
            KeyStore keystore = KeyStore.getInstance(secrets.resolve("web-tls/server.keystore.p12").toFile(),
                    Files.readString(secrets.resolve("web-keystore.password")).toCharArray());
            byte[] der = keystore.getCertificate(keystore.aliases().nextElement()).getEncoded();
            assertThat(out).contains("fingerprint is " + HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
            // a client that trusts exactly this certificate logs in with the printed password
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keystore);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, trust.getTrustManagers(), null);
            HttpResponse<String> r = HttpClient.newBuilder().sslContext(ssl).build().send(
                    HttpRequest.newBuilder(URI.create(dashboard.url() + "api/login"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"demo.clinician\",\"password\":\""
                                    + login.group(2) + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).contains("; Secure");
        }
    }
}
