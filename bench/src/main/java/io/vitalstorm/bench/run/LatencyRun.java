package io.vitalstorm.bench.run;

import io.vitalstorm.bench.load.BenchProducer;
import io.vitalstorm.bench.load.RateProducer;
import io.vitalstorm.bench.load.WardStream;
import io.vitalstorm.bench.measure.ConsumerGroupProgress;
import io.vitalstorm.bench.measure.RedisLatencyProbe;
import io.vitalstorm.bench.measure.TopicLatencyProbe;
import io.vitalstorm.bench.report.BenchReport;
import io.vitalstorm.core.config.VitalStormSettings;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One fixed offered rate against the running topology: live records for warm-up + measuring
 * time, latency of readings measured during the measuring time only, then a wait until the
 * topology has committed everything (if it cannot, it did not keep up with the rate).
 */
final class LatencyRun {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static final long LAST_ALERTS_MS = 1_000;

    private LatencyRun() {
    }

    static BenchReport.Rate atRate(VitalStormSettings s, JedisPooled redis, ConsumerGroupProgress progress,
                                   double fraction, double maxPerSecond, int patientsAvailable,
                                   Duration warmup, Duration measure) throws Exception {
        double rate = fraction * maxPerSecond;
        // as many patients as the rate allows at 1 Hz each, faster per patient only if the ward is too small
        int patients = (int) Math.max(1, Math.min(patientsAvailable, Math.round(rate)));
        List<String> ids = IntStream.range(0, patients).mapToObj(WardStream::patientId).toList();
        try (BenchProducer producer = new BenchProducer(s.kafkaBootstrapServers(), s.vitalsTopic(), 1);
             TopicLatencyProbe alerts = TopicLatencyProbe.alerts(s.kafkaBootstrapServers(), s.clinicianAlertsTopic());
             TopicLatencyProbe kafka = TopicLatencyProbe.readings(s.kafkaBootstrapServers(), s.vitalsTopic());
             RedisLatencyProbe latest = new RedisLatencyProbe(redis, ids)) {
            long start = System.currentTimeMillis();
            long from = start + warmup.toMillis();
            long to = from + measure.toMillis();
            alerts.window(from, to);
            kafka.window(from, to);
            latest.window(from, to);
            long sent = RateProducer.offer(producer, patients, rate, warmup.plus(measure).toMillis());
            long offered = System.currentTimeMillis() - start;
            boolean keptUp = progress.awaitCaughtUp(s.consumerGroup(), s.vitalsTopic(), CATCH_UP);
            Thread.sleep(LAST_ALERTS_MS);
            return new BenchReport.Rate(fraction, rate, sent * 1000.0 / offered, keptUp,
                    kafka.consumed().summary(), latest.updated().summary(), alerts.published().summary(),
                    alerts.consumed().summary());
        }
    }
}
