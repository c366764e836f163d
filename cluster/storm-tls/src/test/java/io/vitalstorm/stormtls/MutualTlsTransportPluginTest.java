package io.vitalstorm.stormtls;

import org.apache.storm.generated.Nimbus;
import org.apache.storm.generated.NimbusSummary;
import org.apache.storm.security.auth.ReqContext;
import org.apache.storm.security.auth.ThriftConnectionType;
import org.apache.storm.security.auth.tls.TlsTransportPlugin;
import org.apache.storm.thrift.server.TServer;
import org.apache.storm.utils.NimbusClient;
import org.apache.storm.utils.Utils;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real Nimbus Thrift server behind the plugin on loopback, called with Storm's own NimbusClient over
 * TLS: the cluster's certificate gets through (its subject becomes the caller), no certificate, a
 * certificate of another CA and plain Thrift never reach Nimbus, on the TLS port and on the second
 * Nimbus port Storm's blob replication uses. Storm 2.8.3's own plugin fails the good call on this JDK
 * (why this class exists).
 */
class MutualTlsTransportPluginTest {
    private static final String PASSWORD = "vitalstorm-public";
    private static final String LOOPBACK = "127.0.0.1";

    @TempDir
    static Path dir;

    private final List<String> callers = new ArrayList<>();
    private TServer server;
    private int port;

    @BeforeAll
    static void stores() throws Exception {
        KeyPair caKey = keyPair();
        X509Certificate ca = certificate("CN=Test CA", caKey, "CN=Test CA", caKey.getPrivate(), true);
        KeyPair hostKey = keyPair();
        X509Certificate host = certificate("CN=vs-test", hostKey, "CN=Test CA", caKey.getPrivate(), false);
        KeyPair otherCaKey = keyPair();
        X509Certificate otherCa =
                certificate("CN=Other CA", otherCaKey, "CN=Other CA", otherCaKey.getPrivate(), true);
        KeyPair intruderKey = keyPair();
        X509Certificate intruder =
                certificate("CN=intruder", intruderKey, "CN=Other CA", otherCaKey.getPrivate(), false);
        write("keystore.p12", store -> store.setKeyEntry("host", hostKey.getPrivate(), PASSWORD.toCharArray(),
                new Certificate[] {host, ca}));
        write("truststore.p12", store -> store.setCertificateEntry("ca", ca));
        write("intruder.p12", store -> store.setKeyEntry("intruder", intruderKey.getPrivate(), PASSWORD.toCharArray(),
                new Certificate[] {intruder, otherCa}));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void clusterCertificateGetsThroughAsItsSubject() throws Exception {
        start(MutualTlsTransportPlugin.class);

        assertThat(leaderHost(clientConf("keystore.p12", true), true)).isEqualTo(LOOPBACK);
        assertThat(callers).containsExactly("CN=vs-test");
    }

    static Stream<Arguments> strangers() {
        Class<?> ours = MutualTlsTransportPlugin.class;
        return Stream.of(
                Arguments.of("a client without certificate", ours, "keystore.p12", false, true),
                Arguments.of("a certificate of another CA", ours, "intruder.p12", true, true),
                Arguments.of("plain Thrift", ours, "keystore.p12", true, false),
                // why this class exists: Storm 2.8.3's own plugin fails even the cluster's certificate
                Arguments.of("Storm's own plugin on this JDK", TlsTransportPlugin.class, "keystore.p12", true, true));
    }

    @ParameterizedTest(name = "{0} never reaches Nimbus")
    @MethodSource("strangers")
    void neverReachesNimbus(String who, Class<?> plugin, String keyStore, boolean presentCertificate, boolean tls)
            throws Exception {
        start(plugin);
        Map<String, Object> conf = clientConf(keyStore, presentCertificate);

        assertThatThrownBy(() -> leaderHost(conf, tls)).isInstanceOf(Exception.class);
        assertThat(callers).isEmpty();
    }

    @Test
    void plainNimbusPortIsMutualTlsForStormsPlainClient() throws Exception {
        start(MutualTlsTransportPlugin.class, ThriftConnectionType.NIMBUS);
        Map<String, Object> conf = clientConf("keystore.p12", true);
        conf.put("nimbus.thrift.transport", MutualTlsTransportPlugin.class.getName());

        // the client Storm's blob replication between Nimbus hosts uses (never TLS by itself)
        try (NimbusClient client = NimbusClient.Builder.withConf(conf).forDaemon()
                .buildWithNimbusHostPort(LOOPBACK, port)) {
            assertThat(client.getClient().getLeader().get_host()).isEqualTo(LOOPBACK);
        }
        assertThat(callers).containsExactly("CN=vs-test");
    }

    @Test
    void plainNimbusPortRefusesPlainThriftAndStrangers() throws Exception {
        start(MutualTlsTransportPlugin.class, ThriftConnectionType.NIMBUS);
        Map<String, Object> plain = clientConf("keystore.p12", true);
        Map<String, Object> stranger = clientConf("intruder.p12", true);
        stranger.put("nimbus.thrift.transport", MutualTlsTransportPlugin.class.getName());

        assertThatThrownBy(() -> leaderHost(plain, false)).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> leaderHost(stranger, false)).isInstanceOf(Exception.class);
        assertThat(callers).isEmpty();
    }

    private void start(Class<?> plugin) throws Exception {
        start(plugin, ThriftConnectionType.NIMBUS_TLS);
    }

    private void start(Class<?> plugin, ThriftConnectionType type) throws Exception {
        Map<String, Object> conf = baseConf();
        conf.put("nimbus.thrift.tls.port", 0);
        conf.put("nimbus.thrift.port", 0);
        conf.put("nimbus.thrift.tls.server.keystore.path", dir.resolve("keystore.p12").toString());
        conf.put("nimbus.thrift.tls.server.keystore.password", PASSWORD);
        conf.put("nimbus.thrift.tls.server.truststore.path", dir.resolve("truststore.p12").toString());
        conf.put("nimbus.thrift.tls.server.truststore.password", PASSWORD);
        conf.put("nimbus.thrift.tls.client.auth.required", true);
        conf.put("nimbus.thrift.tls.threads", 2);
        Object handler = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Nimbus.Iface.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getLeader")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    synchronized (callers) {
                        callers.add(ReqContext.context().principal().getName());
                    }
                    return new NimbusSummary(LOOPBACK, 1, 0, true, "test");
                });
        org.apache.storm.security.auth.ITransportPlugin transport =
                (org.apache.storm.security.auth.ITransportPlugin) plugin.getDeclaredConstructor().newInstance();
        transport.prepare(type, conf);
        server = transport.getServer(new Nimbus.Processor<>((Nimbus.Iface) handler));
        Thread serving = new Thread(server::serve, "nimbus-tls-test");
        serving.setDaemon(true);
        serving.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!server.isServing() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(server.isServing()).isTrue();
        port = transport.getPort();
    }

    private static Map<String, Object> clientConf(String keyStore, boolean presentCertificate) {
        Map<String, Object> conf = baseConf();
        conf.put("nimbus.thrift.tls.client.auth.required", presentCertificate);
        conf.put("nimbus.thrift.tls.client.keystore.path", dir.resolve(keyStore).toString());
        conf.put("nimbus.thrift.tls.client.keystore.password", PASSWORD);
        conf.put("nimbus.thrift.tls.client.truststore.path", dir.resolve("truststore.p12").toString());
        conf.put("nimbus.thrift.tls.client.truststore.password", PASSWORD);
        return conf;
    }

    private static Map<String, Object> baseConf() {
        Map<String, Object> conf = new HashMap<>(Utils.readDefaultConfig());
        conf.put("storm.local.hostname", LOOPBACK);
        conf.put("nimbus.thrift.tls.transport", MutualTlsTransportPlugin.class.getName());
        return conf;
    }

    @SuppressWarnings("deprecation") // the Builder has no TLS host:port variant in Storm 2.8.3
    private String leaderHost(Map<String, Object> conf, boolean tls) throws Exception {
        try (NimbusClient client = new NimbusClient(conf, LOOPBACK, port, 5000, null, tls)) {
            return client.getClient().getLeader().get_host();
        }
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair key, String issuer, PrivateKey issuerKey,
                                               boolean ca) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name(subject), key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private interface StoreFiller {
        void fill(KeyStore store) throws Exception;
    }

    private static void write(String name, StoreFiller filler) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        filler.fill(store);
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            store.store(out, PASSWORD.toCharArray());
        }
    }
}
