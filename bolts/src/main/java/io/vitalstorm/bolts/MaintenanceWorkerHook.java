package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.maintenance.MaintenanceService;
import io.vitalstorm.maintenance.MaintenanceSettings;
import org.apache.storm.hooks.BaseWorkerHook;
import org.apache.storm.task.WorkerUserContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Storm adapter of the maintenance jobs: a worker hook, so each worker JVM is exactly one contender
 * in the leader election however many tasks it runs (a bolt would give one per task, and a tick
 * tuple would queue behind readings). Starting connects to ZooKeeper, Cassandra and Redis, which
 * may take a while or fail: it runs on its own thread, retried, never holding up the worker.
 */
public final class MaintenanceWorkerHook extends BaseWorkerHook {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceWorkerHook.class);
    private static final long RETRY_MILLIS = 10_000;
    /** The contenders this JVM runs, by ZooKeeper root: LocalCluster runs several workers in one JVM. */
    private static final Map<String, Set<MaintenanceService>> RUNNING = new ConcurrentHashMap<>();

    /** How a contender is started: in production connected through the worker's shared clients. */
    @FunctionalInterface
    interface Starter extends Serializable {
        MaintenanceService start(VitalStormSettings s, MaintenanceSettings m, String contender) throws Exception;
    }

    private final Starter starter;
    private final long retryMillis;
    private transient volatile boolean stopped;
    private transient volatile MaintenanceService service;
    private transient Thread startThread;

    public MaintenanceWorkerHook() {
        this((s, m, contender) -> MaintenanceService.start(s, m, contender,
                WorkerResources.cassandra(s), WorkerResources.redis(s)), RETRY_MILLIS);
    }

    MaintenanceWorkerHook(Starter starter, long retryMillis) {
        this.starter = starter;
        this.retryMillis = retryMillis;
    }

    @Override
    public void start(Map<String, Object> topoConf, WorkerUserContext context) {
        MaintenanceSettings m;
        try {
            m = MaintenanceSettings.fromMap(topoConf);
        } catch (IllegalArgumentException badSettings) {
            // the readings must keep flowing: a maintenance mistake disables maintenance, not the worker
            LOG.error("maintenance disabled in this worker: {}", badSettings.getMessage());
            return;
        }
        if (!m.enabled()) {
            return;
        }
        VitalStormSettings s = VitalStormSettings.fromMap(topoConf);
        String contender = hostName() + ":" + context.getThisWorkerPort();
        startThread = new Thread(() -> startUntilStopped(s, m, contender), "vitalstorm-maintenance-start");
        startThread.setDaemon(true);
        startThread.start();
    }

    private void startUntilStopped(VitalStormSettings s, MaintenanceSettings m, String contender) {
        while (!stopped) {
            try {
                MaintenanceService started = starter.start(s, m, contender);
                synchronized (this) {
                    if (stopped) {
                        started.close();
                    } else {
                        service = started;
                        RUNNING.computeIfAbsent(s.zookeeperRoot(), k -> ConcurrentHashMap.newKeySet()).add(started);
                        LOG.info("maintenance contender {} joined the election", contender);
                    }
                }
                return;
            } catch (InterruptedException e) {
                return;
            } catch (IllegalArgumentException badSettings) {
                LOG.error("maintenance disabled in this worker: {}", badSettings.getMessage());
                return;
            } catch (Exception e) {
                LOG.error("maintenance contender {} could not start, retrying in {} s: {}", contender,
                        retryMillis / 1000, e.toString());
                try {
                    Thread.sleep(retryMillis);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    @Override
    public void shutdown() {
        synchronized (this) {
            stopped = true;
        }
        if (startThread != null) {
            startThread.interrupt();
        }
        if (service != null) {
            RUNNING.values().forEach(set -> set.remove(service));
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("maintenance contender did not close cleanly: {}", e.toString());
            }
        }
    }

    /** The maintenance contenders running in this JVM for a ZooKeeper root (for tests and diagnostics). */
    public static List<MaintenanceService> runningInThisJvm(String zookeeperRoot) {
        return List.copyOf(RUNNING.getOrDefault(zookeeperRoot, Set.of()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
