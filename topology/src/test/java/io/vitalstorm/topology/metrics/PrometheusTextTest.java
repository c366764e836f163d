package io.vitalstorm.topology.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Timer;
import com.codahale.metrics.UniformReservoir;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

    @Test
    void namesAreMadeValidForPrometheus() {
        assertThat(PrometheusText.name("vitalstorm.deadLetters.MALFORMED_JSON"))
                .isEqualTo("vitalstorm_deadLetters_MALFORMED_JSON");
        assertThat(PrometheusText.name("__receive.population-default:x")).isEqualTo("__receive_population_default_x");
        assertThat(PrometheusText.name("9lives")).isEqualTo("_9lives");
    }

    @Test
    void samplesOfOneNameFromSeveralTasksShareOneFamily() {
        Counter a = new Counter();
        a.inc(3);
        Counter b = new Counter();
        b.inc();
        PrometheusText text = new PrometheusText();
        text.add("vitalstorm.retries", Map.of("component", "score", "task", "7"), a);
        text.add("vitalstorm.retries", Map.of("task", "8", "component", "alert"), b);
        text.add("vitalstorm.openAlerts", Map.of("component", "alert"), (Gauge<Integer>) () -> 2);
        text.add("vitalstorm.flag", Map.of(), (Gauge<Boolean>) () -> true);
        text.add("vitalstorm.name", Map.of(), (Gauge<String>) () -> "not a number");
        text.add("vitalstorm.broken", Map.of(), (Gauge<Long>) () -> {
            throw new IllegalStateException("no Kafka");
        });

        assertThat(text.render()).isEqualTo("""
                # TYPE vitalstorm_flag gauge
                vitalstorm_flag 1
                # TYPE vitalstorm_openAlerts gauge
                vitalstorm_openAlerts{component="alert"} 2
                # TYPE vitalstorm_retries counter
                vitalstorm_retries{component="score",task="7"} 3
                vitalstorm_retries{component="alert",task="8"} 1
                """);
    }

    @Test
    void histogramsAndTimersAreSummariesWithTimesInSeconds() {
        Histogram h = new Histogram(new UniformReservoir());
        for (int i = 1; i <= 100; i++) {
            h.update(i);
        }
        Timer t = new Timer();
        t.update(Duration.ofMillis(250));
        PrometheusText text = new PrometheusText();
        text.add("batch.size", Map.of("task", "1"), h);
        text.add("flush", Map.of(), t);

        String out = text.render();
        assertThat(out).contains("# TYPE batch_size summary\n", "batch_size{task=\"1\",quantile=\"0.5\"} 50",
                "batch_size{task=\"1\",quantile=\"0.99\"} 99", "batch_size_count{task=\"1\"} 100\n",
                "# TYPE flush_seconds summary\n", "flush_seconds{quantile=\"0.5\"} 0.25\n", "flush_seconds_count 1\n");
    }

    @Test
    void labelValuesAreEscapedAndANameKeepsItsFirstType() {
        Counter c = new Counter();
        PrometheusText text = new PrometheusText();
        text.add("x", Map.of("topic", "a\"b\\c\nd"), c);
        text.add("x", Map.of(), (Gauge<Double>) () -> 0.5);
        assertThat(text.render()).isEqualTo("# TYPE x counter\nx{topic=\"a\\\"b\\\\c\\nd\"} 0\n");
    }
}
