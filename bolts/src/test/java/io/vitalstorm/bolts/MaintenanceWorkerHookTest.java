package io.vitalstorm.bolts;

import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.maintenance.MaintenanceService;
import io.vitalstorm.maintenance.MaintenanceSettings;
import org.apache.storm.task.WorkerUserContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The worker hook joins the maintenance election off the worker's thread, retries an outage, never stops
 * the worker.
 */
class MaintenanceWorkerHookTest {

    private static final String ROOT = VitalStormSettings.ZOOKEEPER_ROOT.defaultValue();

    private final BoltFixtures fx = BoltFixtures.create();
    private final MaintenanceService service = mock(MaintenanceService.class);
    private final List<String> contenders = new CopyOnWriteArrayList<>();
    private final WorkerUserContext context = mock(WorkerUserContext.class);

    MaintenanceWorkerHookTest() {
        when(context.getThisWorkerPort()).thenReturn(6700);
    }

    private Map<String, Object> conf() {
        Map<String, Object> conf = fx.conf();
        conf.putAll(MaintenanceSettings.DEFAULTS);
        return conf;
    }

    private void awaitRunning() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> MaintenanceWorkerHook.runningInThisJvm(ROOT).contains(service));
    }

    @Test
    void aWorkerJoinsTheElectionOnceAndLeavesItOnShutdown() throws Exception {
        MaintenanceWorkerHook hook = new MaintenanceWorkerHook((s, m, contender) -> {
            contenders.add(contender);
            return service;
        }, 10);
        hook.start(conf(), context);

        awaitRunning();
        assertThat(contenders).singleElement().asString().endsWith(":6700");
        hook.shutdown();
        verify(service).close();
        assertThat(MaintenanceWorkerHook.runningInThisJvm(ROOT)).doesNotContain(service);
    }

    @Test
    void anOutageAtStartIsRetriedUntilTheContenderStarts() {
        AtomicInteger attempts = new AtomicInteger();
        MaintenanceWorkerHook hook = new MaintenanceWorkerHook((s, m, contender) -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IOException("ZooKeeper not reachable");
            }
            return service;
        }, 10);
        hook.start(conf(), context);

        awaitRunning();
        assertThat(attempts).hasValue(3);
        hook.shutdown();
    }

    @Test
    void badOrDisabledMaintenanceSettingsStartNothingAndDoNotStopTheWorker() {
        AtomicInteger attempts = new AtomicInteger();
        MaintenanceWorkerHook.Starter counting = (s, m, contender) -> {
            attempts.incrementAndGet();
            return service;
        };
        Map<String, Object> bad = conf();
        bad.put(MaintenanceSettings.TICK_MS.key(), 0);
        assertThatThrownBy(() -> MaintenanceSettings.fromMap(bad)).isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> disabled = conf();
        disabled.put(MaintenanceSettings.ENABLED.key(), "false");

        new MaintenanceWorkerHook(counting, 10).start(bad, context);
        new MaintenanceWorkerHook(counting, 10).start(disabled, context);

        assertThat(attempts).hasValue(0);
    }
}
