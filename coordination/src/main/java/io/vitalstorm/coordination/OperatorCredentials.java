package io.vitalstorm.coordination;

import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's ZooKeeper digest identity ({@code user:password}), the only one allowed to
 * change thresholds. It comes from a file (mode 600, outside git) or the environment, never
 * from the YAML config, which is shared and often committed.
 */
public record OperatorCredentials(String user, String password) {

    /** Environment variable holding {@code user:password} directly. */
    public static final String ENV_SECRET = "VITALSTORM_ZK_OPERATOR";
    /** Environment variable naming a file that holds {@code user:password}. */
    public static final String ENV_FILE = "VITALSTORM_ZK_OPERATOR_FILE";

    public OperatorCredentials {
        if (user == null || user.isBlank() || user.contains(":") || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("operator credentials must be user:password with a non-empty password");
        }
    }

    public static OperatorCredentials parse(String userColonPassword) {
        String s = userColonPassword.strip();
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("operator credentials must be user:password");
        }
        return new OperatorCredentials(s.substring(0, colon), s.substring(colon + 1));
    }

    public static OperatorCredentials fromFile(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** From {@code file} if given, else {@link #ENV_FILE}, else {@link #ENV_SECRET}; empty if none is set. */
    public static Optional<OperatorCredentials> locate(Path file, Map<String, String> env) throws IOException {
        if (file != null) {
            return Optional.of(fromFile(file));
        }
        if (env.get(ENV_FILE) != null) {
            return Optional.of(fromFile(Path.of(env.get(ENV_FILE))));
        }
        return Optional.ofNullable(env.get(ENV_SECRET)).map(OperatorCredentials::parse);
    }

    public byte[] authBytes() {
        return (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    /** Full rights for this identity; ZooKeeper stores only a SHA-1 digest, not the password. */
    public ACL fullAccess() {
        try {
            return new ACL(ZooDefs.Perms.ALL,
                    new Id("digest", DigestAuthenticationProvider.generateDigest(user + ":" + password)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "OperatorCredentials[" + user + ":***]";
    }
}
