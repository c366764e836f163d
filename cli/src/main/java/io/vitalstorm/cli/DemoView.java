package io.vitalstorm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** What the demo prints: alerts as they arrive, a status block every few seconds, a closing summary. */
final class DemoView {

    private final PrintStream out;
    private final VitalStormSettings settings;
    private final DemoTraffic traffic;
    private final long startedAt = System.currentTimeMillis();
    private final Map<String, Integer> alertsByState = new TreeMap<>();
    private long lastStatusAt = System.currentTimeMillis();
    private long lastProcessed;

    DemoView(PrintStream out, VitalStormSettings settings, DemoTraffic traffic) {
        this.out = out;
        this.settings = settings;
        this.traffic = traffic;
    }

    void showNewAlerts() {
        for (ConsumerRecord<String, byte[]> r : traffic.pollAlerts()) {
            JsonNode a = DemoCommand.parse(r.value());
            alertsByState.merge(a.path("state").asText("?"), 1, Integer::sum);
            out.println(DemoCommand.describeAlert(a));
        }
    }

    void showStatusEvery(Duration every, Supplier<String> worstPatients) throws Exception {
        long now = System.currentTimeMillis();
        if (now - lastStatusAt < every.toMillis()) {
            return;
        }
        long processed = traffic.processed();
        double rate = (processed - lastProcessed) * 1000.0 / (now - lastStatusAt);
        lastProcessed = processed;
        lastStatusAt = now;
        out.printf("-- %3d s | sent %d | processed %d (%.0f events/s) | dead letters %d | alerts %s%n",
                (now - startedAt) / 1000, traffic.produced(), processed, rate,
                traffic.count(settings.deadLetterTopic()), alertsByState);
        out.print("   worst patients now:\n" + worstPatients.get());
    }

    void drain(Duration max) throws Exception {
        long until = System.currentTimeMillis() + max.toMillis();
        while (traffic.processed() < traffic.produced() && System.currentTimeMillis() < until) {
            showNewAlerts();
            Thread.sleep(250);
        }
        showNewAlerts();
    }

    void summary() throws Exception {
        long seconds = Math.max(1, (System.currentTimeMillis() - startedAt) / 1000);
        long processed = traffic.processed();
        out.printf("summary: sent %d readings (%d junk) in %d s; processed %d (%.0f events/s average); "
                        + "dead letters %d; alerts %s%n",
                traffic.produced(), traffic.junk(), seconds, processed, processed / (double) seconds,
                traffic.count(settings.deadLetterTopic()), alertsByState);
    }
}
