package io.vitalstorm.coordination;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

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

    /** A client the caller owns and closes (CLI commands, tests). */
    public static CuratorFramework startNew(String connectString) {
        return start(builder(connectString), connectString);
    }

    /**
     * A client authenticated as the operator whose thresholds znodes get the operator-only ACL
     * ({@link ThresholdsAcl}); the caller owns and closes it.
     */
    public static CuratorFramework startAsOperator(String connectString, String root, OperatorCredentials operator) {
        return start(builder(connectString)
                .authorization("digest", operator.authBytes())
                .aclProvider(new ThresholdsAcl(new ThresholdsPaths(root), operator)), connectString);
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
