package io.vitalstorm.core.config;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * TLS of one client hop (Redis, Cassandra, ZooKeeper), from the keys {@code <prefix>.tls*}: on or
 * off, a PKCS12 trust store of the CA that signed the servers, an optional PKCS12 key store with a
 * client certificate, and whether the server's host name is checked. Store passwords are 0600 files
 * read on the worker when a client is built; the key store itself must be 0600 too. The one place
 * that turns these keys into an {@link SSLContext} (or ZooKeeper's client properties).
 */
public record ClientTls(Keys keys, boolean enabled, String truststoreFile, String truststorePasswordFile,
        String keystoreFile, String keystorePasswordFile, boolean hostnameVerification) implements Serializable {

    /** The declarations of one hop's TLS keys. */
    public record Keys(Setting.Choice enabled, Setting.Text truststoreFile, Setting.Text truststorePasswordFile,
            Setting.Text keystoreFile, Setting.Text keystorePasswordFile, Setting.Choice hostnameVerification)
            implements Serializable {

        static Keys of(String prefix, String servers) {
            String p = prefix + ".tls";
            return new Keys(
                    Setting.Choice.bool(p, false,
                            "`true`: connect to " + servers + " with TLS only (every cluster install); `false`: "
                            + "plaintext (local demo, shared test servers)"),
                    new Setting.Text(p + ".truststore.file", "",
                            "PKCS12 trust store of the CA that signed " + servers + "' certificates; empty: the "
                            + "JDK's default trust store"),
                    new Setting.Text(p + ".truststore.password.file", "",
                            "file holding the trust store's password (mode 0600; required with a trust store)"),
                    new Setting.Text(p + ".keystore.file", "",
                            "PKCS12 key store with this client's certificate and key (mode 0600), for servers "
                            + "that require client certificates; empty: none"),
                    new Setting.Text(p + ".keystore.password.file", "",
                            "file holding the key store's password (mode 0600; required with a key store)"),
                    Setting.Choice.bool(p + ".hostname.verification", true,
                            "the server's host name is checked against its certificate; `false` turns the check "
                            + "off (not for production)"));
        }

        public List<Setting> all() {
            return List.of(enabled, truststoreFile, truststorePasswordFile, keystoreFile, keystorePasswordFile,
                    hostnameVerification);
        }

        public ClientTls read(Map<String, ?> conf) {
            return new ClientTls(this, bool(conf, enabled), truststoreFile.readStripped(conf),
                    truststorePasswordFile.readStripped(conf), keystoreFile.readStripped(conf),
                    keystorePasswordFile.readStripped(conf), bool(conf, hostnameVerification));
        }

        /** TLS on, trusting {@code truststore}, without a client certificate. */
        public ClientTls trusting(Path truststore, Path truststorePasswordFile) {
            return new ClientTls(this, true, truststore.toString(), truststorePasswordFile.toString(), "", "", true);
        }

        public ClientTls off() {
            return read(Map.of());
        }

        private static boolean bool(Map<String, ?> conf, Setting.Choice s) {
            String v = s.read(conf).toLowerCase(Locale.ROOT);
            if (!s.values().contains(v)) {
                throw new IllegalArgumentException(s.key() + " must be true or false, was '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }
    }

    public static final Keys REDIS = Keys.of("vitalstorm.redis", "the Redis servers");
    public static final Keys CASSANDRA = Keys.of("vitalstorm.cassandra", "the Cassandra nodes");
    public static final Keys ZOOKEEPER = Keys.of("vitalstorm.zookeeper", "the ZooKeeper servers");

    public ClientTls {
        if (!truststoreFile.isEmpty() && truststorePasswordFile.isEmpty()) {
            throw new IllegalArgumentException(keys.truststorePasswordFile().key() + " is required with "
                    + keys.truststoreFile().key());
        }
        if (!keystoreFile.isEmpty() && keystorePasswordFile.isEmpty()) {
            throw new IllegalArgumentException(keys.keystorePasswordFile().key() + " is required with "
                    + keys.keystoreFile().key());
        }
    }

    /** The same trust with a client certificate (servers that require one). */
    public ClientTls withClientCertificate(Path keystore, Path keystorePasswordFile) {
        return new ClientTls(keys, enabled, truststoreFile, truststorePasswordFile, keystore.toString(),
                keystorePasswordFile.toString(), hostnameVerification);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(keys.enabled().key(), String.valueOf(enabled));
        m.put(keys.truststoreFile().key(), truststoreFile);
        m.put(keys.truststorePasswordFile().key(), truststorePasswordFile);
        m.put(keys.keystoreFile().key(), keystoreFile);
        m.put(keys.keystorePasswordFile().key(), keystorePasswordFile);
        m.put(keys.hostnameVerification().key(), String.valueOf(hostnameVerification));
        return m;
    }

    /** A TLS 1.2/1.3 context from the stores (the JDK's default trust when no trust store is set). */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(truststoreFile.isEmpty() ? null : load(keys.truststoreFile().key(), truststoreFile,
                    truststorePassword()));
            KeyManagerFactory kmf = null;
            if (!keystoreFile.isEmpty()) {
                SecretFiles.requireOwnerOnly(keys.keystoreFile().key(), Path.of(keystoreFile));
                char[] password = keystorePassword();
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keys.keystoreFile().key(), keystoreFile, password), password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS from " + keys.enabled().key() + "*: "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * ZooKeeper's client properties for this TLS setup (Netty socket, secure connection, the stores):
     * they hold the store passwords, so they go into a client's in-memory ZKClientConfig on the
     * worker only, never into a configuration that is shipped or shown.
     */
    public Map<String, String> zooKeeperClientProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("zookeeper.client.secure", "true");
        p.put("zookeeper.clientCnxnSocket", "org.apache.zookeeper.ClientCnxnSocketNetty");
        p.put("zookeeper.ssl.hostnameVerification", String.valueOf(hostnameVerification));
        if (!truststoreFile.isEmpty()) {
            p.put("zookeeper.ssl.trustStore.location", truststoreFile);
            p.put("zookeeper.ssl.trustStore.password", new String(truststorePassword()));
            p.put("zookeeper.ssl.trustStore.type", "PKCS12");
        }
        if (!keystoreFile.isEmpty()) {
            SecretFiles.requireOwnerOnly(keys.keystoreFile().key(), Path.of(keystoreFile));
            p.put("zookeeper.ssl.keyStore.location", keystoreFile);
            p.put("zookeeper.ssl.keyStore.password", new String(keystorePassword()));
            p.put("zookeeper.ssl.keyStore.type", "PKCS12");
        }
        return p;
    }

    private char[] truststorePassword() {
        return SecretFiles.read(keys.truststorePasswordFile().key(), Path.of(truststorePasswordFile)).toCharArray();
    }

    private char[] keystorePassword() {
        return SecretFiles.read(keys.keystorePasswordFile().key(), Path.of(keystorePasswordFile)).toCharArray();
    }

    private static KeyStore load(String key, String file, char[] password) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password);
        } catch (IOException e) {
            // a wrong password shows as an IOException too; the message names the key, never the password
            throw new IllegalStateException("cannot read " + key + " " + file + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return store;
    }
}
