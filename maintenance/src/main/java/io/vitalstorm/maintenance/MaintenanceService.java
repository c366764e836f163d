package io.vitalstorm.maintenance;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.coordination.CuratorClients;
import io.vitalstorm.coordination.ZnodeAcls;
import io.vitalstorm.coordination.ThresholdsAuditTrail;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.registrysync.RegistrySqlSettings;
import io.vitalstorm.registrysync.RegistrySync;
import io.vitalstorm.storage.PatientDirectory;
import io.vitalstorm.storage.cassandra.ArchiveCatalog;
import io.vitalstorm.storage.cassandra.Discharges;
import io.vitalstorm.storage.cassandra.HistoryDayExport;
import io.vitalstorm.storage.cassandra.PatientRegistry;
import io.vitalstorm.storage.cassandra.RegistrySyncState;
import io.vitalstorm.storage.cassandra.SummaryStore;
import io.vitalstorm.storage.cassandra.ThresholdsAuditTable;
import io.vitalstorm.storage.redis.LiveStateReader;
import io.vitalstorm.storage.redis.OpenAlertIndex;
import io.vitalstorm.storage.redis.ProfileCache;
import io.vitalstorm.storage.redis.StaleStateSweeper;
import org.apache.curator.framework.CuratorFramework;
import redis.clients.jedis.JedisPooled;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The maintenance contender of one worker, wired from the settings: the four jobs (five with a
 * SQL registry to follow) over the
 * worker's Cassandra session and Redis pool, plus a ZooKeeper session of its own (losing it
 * costs leadership, not the thresholds watch) and a Kafka producer for the summaries.
 */
public final class MaintenanceService implements AutoCloseable {

    private final CuratorFramework zookeeper;
    private final SummaryPublisher publisher;
    private final MaintenanceScheduler scheduler;

    private MaintenanceService(CuratorFramework zookeeper, SummaryPublisher publisher, MaintenanceScheduler scheduler) {
        this.zookeeper = zookeeper;
        this.publisher = publisher;
        this.scheduler = scheduler;
    }

    public static MaintenanceService start(VitalStormSettings s, MaintenanceSettings m, String contenderId,
                                           CqlSession cassandra, JedisPooled redis) throws Exception {
        m.checkAgainstRetention(s.retentionDays());
        Clock clock = Clock.systemUTC();
        String ks = s.cassandraKeyspace();
        CuratorFramework zookeeper = CuratorClients.startAsTopology(s);
        SummaryPublisher publisher = new SummaryPublisher(s.kafkaBootstrapServers(), s.summariesTopic(),
                s.kafkaClientProperties());
        try {
            LiveStateReader live = new LiveStateReader(redis);
            List<ScheduledJob> jobs = new ArrayList<>(List.of(
                    new ScheduledJob(CareTeamSummaryJob.NAME, new CareTeamSummaryJob(live,
                            new PatientDirectory(new ProfileCache(redis), new PatientRegistry(cassandra, ks)),
                            publisher, new SummaryStore(cassandra, ks, s.retentionDays()), clock),
                            new PeriodicSlots(m.summaryPeriod(), m.catchUpSlots())),
                    new ScheduledJob(StaleStateSweepJob.NAME,
                            new StaleStateSweepJob(live, new Discharges(cassandra, ks), new StaleStateSweeper(redis),
                            m.silentAfter(), clock),
                            new PeriodicSlots(m.sweepPeriod(), m.catchUpSlots())),
                    new ScheduledJob(HistoryArchiveJob.NAME,
                            new HistoryArchiveJob(new HistoryDayExport(cassandra, ks),
                                    new ArchiveCatalog(cassandra, ks),
                            Path.of(m.archiveDir()), contenderId, clock, ArchiveProtection.from(s.archiveSecurity())),
                            new ArchiveDays(m.archiveAfterDays(), m.archiveCatchUpDays())),
                    new ScheduledJob(ThresholdsAuditCopyJob.NAME,
                            new ThresholdsAuditCopyJob(new ThresholdsAuditTrail(zookeeper, s.zookeeperRoot()),
                            new ThresholdsAuditTable(cassandra, ks)),
                            new PeriodicSlots(m.auditCopyPeriod(), m.catchUpSlots()))));
            if (RegistrySqlSettings.present(m.registrySql())) {
                RegistrySqlSettings sql = RegistrySqlSettings.fromMap(m.registrySql());
                jobs.add(new ScheduledJob(RegistrySyncJob.NAME, new RegistrySyncJob(new RegistrySync(sql,
                        new PatientDirectory(new ProfileCache(redis), new PatientRegistry(cassandra, ks)),
                        new RegistrySyncState(cassandra, ks), new OpenAlertIndex(redis), clock)),
                        new PeriodicSlots(sql.period(), 1)));
            }
            MaintenanceScheduler scheduler = new MaintenanceScheduler(zookeeper, s.zookeeperRoot(), contenderId, jobs,
                    m.tick(), clock, s.zookeeperSecurity().sasl()
                    ? Optional.of(ZnodeAcls.sasl(s.zookeeperSecurity().saslUsername())) : Optional.empty()).start();
            return new MaintenanceService(zookeeper, publisher, scheduler);
        } catch (Exception | Error e) {
            publisher.close();
            zookeeper.close();
            throw e;
        }
    }

    public MaintenanceScheduler scheduler() {
        return scheduler;
    }

    /** This contender's own ZooKeeper client (its session is its leadership). */
    public CuratorFramework zookeeper() {
        return zookeeper;
    }

    @Override
    public void close() throws Exception {
        try {
            scheduler.close();
        } finally {
            publisher.close();
            zookeeper.close();
        }
    }
}
