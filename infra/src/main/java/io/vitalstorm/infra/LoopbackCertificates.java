package io.vitalstorm.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway server certificate for 127.0.0.1/localhost made with the JDK's keytool at start
 * (never committed): a PKCS12 key store for the server and a PKCS12 trust store holding its
 * certificate for the clients. Store passwords are random and handed to keytool by file only.
 */
public final class LoopbackCertificates {

    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    private final Path keystore;
    private final Path truststore;
    private final String keystorePassword;
    private final String truststorePassword;
    private final Path truststorePasswordFile;

    private LoopbackCertificates(Path dir, String keystorePassword, String truststorePassword) {
        this.keystore = dir.resolve("server.keystore.p12");
        this.truststore = dir.resolve("truststore.p12");
        this.keystorePassword = keystorePassword;
        this.truststorePassword = truststorePassword;
        this.truststorePasswordFile = dir.resolve("truststore.password");
    }

    /** Generates the key pair, certificate and both stores under {@code dir} (created, mode 0700). */
    public static LoopbackCertificates generate(Path dir, String commonName) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        LoopbackCertificates c = new LoopbackCertificates(dir, randomSecret(), randomSecret());
        Path keystorePasswordFile = writeSecret(dir.resolve("keystore.password"), c.keystorePassword);
        writeSecret(c.truststorePasswordFile, c.truststorePassword);
        Path certificate = dir.resolve("server.crt.pem");
        Files.deleteIfExists(c.keystore);
        Files.deleteIfExists(c.truststore);
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-validity", "7", "-dname", "CN=" + commonName,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", c.keystore.toString(), "-storetype", "PKCS12",
                "-storepass:file", keystorePasswordFile.toString(), "-keypass:file", keystorePasswordFile.toString());
        keytool(dir, "-exportcert", "-rfc", "-alias", "server", "-keystore", c.keystore.toString(),
                "-storepass:file", keystorePasswordFile.toString(), "-file", certificate.toString());
        keytool(dir, "-importcert", "-noprompt", "-alias", "vitalstorm-test-ca", "-file", certificate.toString(),
                "-keystore", c.truststore.toString(), "-storetype", "PKCS12",
                "-storepass:file", c.truststorePasswordFile.toString());
        return c;
    }

    /**
     * The server's certificate (which is its own CA) and its private key as PEM files for servers
     * that read PEM (Redis); the key file is created 0600 before openssl writes into it.
     */
    public Path certificatePem() {
        return keystore.resolveSibling("server.crt.pem");
    }

    public Path privateKeyPem() throws IOException, InterruptedException {
        Path key = keystore.resolveSibling("server.key.pem");
        if (!Files.exists(key)) {
            writeSecret(key, "");
            run(keystore.getParent(), List.of("openssl", "pkcs12", "-in", keystore.toString(), "-nocerts", "-nodes",
                    "-passin", "file:" + keystore.resolveSibling("keystore.password"), "-out", key.toString()));
        }
        return key;
    }

    /** A client context that trusts this certificate only (readiness probes of TLS-only test servers). */
    public javax.net.ssl.SSLContext clientContext() throws java.security.GeneralSecurityException, IOException {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = Files.newInputStream(truststore)) {
            store.load(in, truststorePassword.toCharArray());
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        run(dir, command);
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        String tool = Path.of(command.get(0)).getFileName() + " " + command.get(1);
        Path log = dir.resolve("keytool.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(tool + " did not finish in " + KEYTOOL_TIMEOUT);
        }
        if (p.exitValue() != 0) {
            throw new IOException(tool + " failed (" + p.exitValue() + "): "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** Writes a secret file created with mode 0600 (never readable by others, not even briefly). */
    static Path writeSecret(Path file, String secret) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret, StandardCharsets.UTF_8);
        return file;
    }

    /** 24 random letters and digits: safe inside JAAS quotes, command-line free. */
    public static String randomSecret() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    public Path keystore() {
        return keystore;
    }

    public String keystorePassword() {
        return keystorePassword;
    }

    public Path truststore() {
        return truststore;
    }

    public String truststorePassword() {
        return truststorePassword;
    }

    /** The trust store's password in a 0600 file, for clients configured by file reference. */
    public Path truststorePasswordFile() {
        return truststorePasswordFile;
    }
}
