package io.vitalstorm.coordination;

import io.vitalstorm.core.config.ClientTls;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.config.ZooKeeperSecurity;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.ACL;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One started Curator client per connect string per JVM: every bolt task in a worker shares
 * it, so a worker holds one ZooKeeper session however many tasks it runs.
 */
public final class CuratorClients {

    private static final Map<String, CuratorFramework> CLIENTS = new ConcurrentHashMap<>();

    private CuratorClients() {
    }

    public static CuratorFramework shared(String connectString) {
        return CLIENTS.computeIfAbsent(connectString, CuratorClients::startNew);
    }

    /**
     * The worker's shared client with the topology's identity ({@link ZooKeeperSecurity}): with
     * SASL it logs in as the topology user and creates every znode writable by that user only.
     */
    public static CuratorFramework shared(VitalStormSettings s) {
        ZooKeeperSecurity z = s.zookeeperSecurity();
        if (!z.sasl() && !s.zookeeperTls().enabled()) {
            return shared(s.zookeeperConnect());
        }
        return CLIENTS.computeIfAbsent(s.zookeeperConnect() + "|" + z.auth() + "|" + z.saslUsername() + "|"
                + z.saslPasswordFile() + "|" + s.zookeeperTls(), k -> startAsTopology(s));
    }

    /** A client of the topology's identity that the caller owns and closes (the maintenance contender). */
    public static CuratorFramework startAsTopology(VitalStormSettings s) {
        ZooKeeperSecurity z = s.zookeeperSecurity();
        if (!z.sasl()) {
            return startNew(s);
        }
        return startAsSaslUser(s.zookeeperConnect(), z.saslUsername(), z.saslPassword(), s.zookeeperTls());
    }

    /** A client that logs in with SASL DIGEST-MD5 as {@code user}; what it creates only {@code user} may change. */
    public static CuratorFramework startAsSaslUser(String connectString, String user, String password) {
        return startAsSaslUser(connectString, user, password, ClientTls.ZOOKEEPER.off());
    }

    /** {@link #startAsSaslUser(String, String, String)} over TLS when {@code tls} is on. */
    public static CuratorFramework startAsSaslUser(String connectString, String user, String password, ClientTls tls) {
        List<ACL> acl = ZnodeAcls.writableOnlyBy(ZnodeAcls.sasl(user));
        return start(builder(connectString).zkClientConfig(secured(SaslLogins.clientConfig(user, password), tls))
                .aclProvider(fixed(acl)),
                connectString);
    }

    /** A client without login (unless SASL is on, the server then refuses it), over TLS when configured. */
    public static CuratorFramework startNew(VitalStormSettings s) {
        return start(builder(s.zookeeperConnect()).zkClientConfig(secured(new ZKClientConfig(), s.zookeeperTls())),
                s.zookeeperConnect());
    }

    /**
     * Adds the TLS client properties (Netty socket, secure connection, stores; passwords read from their
     * 0600 files now) to {@code config}, an in-memory configuration of one client: nothing leaves this JVM.
     */
    static ZKClientConfig secured(ZKClientConfig config, ClientTls tls) {
        if (tls.enabled()) {
            tls.zooKeeperClientProperties().forEach(config::setProperty);
        }
        return config;
    }

    /**
     * The operator's client as the configuration asks: SASL login as the operator (ACLs name
     * {@code sasl:<operator>}) or, without SASL, the digest identity of {@link #startAsOperator(String, String,
     * OperatorCredentials)}.
     */
    public static CuratorFramework startAsOperator(VitalStormSettings s, OperatorCredentials operator) {
        if (!s.zookeeperSecurity().sasl()) {
            return start(digestOperator(s.zookeeperConnect(), s.zookeeperRoot(), operator)
                    .zkClientConfig(secured(new ZKClientConfig(), s.zookeeperTls())), s.zookeeperConnect());
        }
        if (!operator.user().equals(s.zookeeperSecurity().operatorPrincipal())) {
            throw new IllegalArgumentException("operator credentials are for '" + operator.user() + "' but "
                    + ZooKeeperSecurity.OPERATOR_PRINCIPAL + " is '" + s.zookeeperSecurity().operatorPrincipal()
                    + "': the topology would refuse what this user writes");
        }
        return start(builder(s.zookeeperConnect())
                .zkClientConfig(secured(SaslLogins.clientConfig(operator.user(), operator.password()),
                        s.zookeeperTls()))
                .aclProvider(
                        new ThresholdsAcl(new ThresholdsPaths(s.zookeeperRoot()),
                                ZnodeAcls.sasl(operator.user()), true)),
                s.zookeeperConnect());
    }

    /** A client the caller owns and closes (CLI commands, tests). */
    public static CuratorFramework startNew(String connectString) {
        return start(builder(connectString), connectString);
    }

    /**
     * A client authenticated as the operator whose thresholds znodes get the operator-only ACL
     * ({@link ThresholdsAcl}); the caller owns and closes it.
     */
    public static CuratorFramework startAsOperator(String connectString, String root, OperatorCredentials operator) {
        return start(digestOperator(connectString, root, operator), connectString);
    }

    private static CuratorFrameworkFactory.Builder digestOperator(String connectString, String root,
            OperatorCredentials operator) {
        return builder(connectString)
                .authorization("digest", operator.authBytes())
                .aclProvider(new ThresholdsAcl(new ThresholdsPaths(root), operator));
    }

    private static ACLProvider fixed(List<ACL> acl) {
        return new ACLProvider() {
            @Override
            public List<ACL> getDefaultAcl() {
                return acl;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return acl;
            }
        };
    }

    private static CuratorFrameworkFactory.Builder builder(String connectString) {
        return CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(15_000)
                .connectionTimeoutMs(5_000)
                .retryPolicy(new ExponentialBackoffRetry(200, 5, 5_000));
    }

    private static CuratorFramework start(CuratorFrameworkFactory.Builder builder, String connectString) {
        CuratorFramework client = builder.build();
        client.start();
        try {
            if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) {
                client.close();
                throw new IllegalStateException("cannot reach ZooKeeper at " + connectString + " within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new IllegalStateException("interrupted while connecting to ZooKeeper", e);
        }
        return client;
    }
}
