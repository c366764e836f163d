package io.vitalstorm.bench.measure;

import io.vitalstorm.storage.redis.RedisKeys;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Samples latest-state updates: every {@value #PERIOD_MS} ms it reads {@code ts} and
 * {@code updatedAt} of {@value #PER_ROUND} random patients in one pipeline; each update it has
 * not seen before, of a reading measured inside the window, gives one exact sample of reading
 * time → Redis updated ({@code updatedAt} is the writer's wall clock). Random choice keeps
 * the sample unbiased; the read load stays small next to the writes it observes.
 */
public final class RedisLatencyProbe implements AutoCloseable {

    private static final long PERIOD_MS = 25;
    private static final int PER_ROUND = 100;

    private final JedisPooled redis;
    private final List<String> patients;
    private final Map<String, String> lastSeenTs = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom(7);
    private final LatencyStats updated = new LatencyStats();
    private final Thread thread;
    private final MeasurementWindow window = new MeasurementWindow();
    private volatile boolean running = true;

    public RedisLatencyProbe(JedisPooled redis, List<String> patients) {
        this.redis = redis;
        this.patients = List.copyOf(patients);
        this.thread = new Thread(this::sample, "bench-redis-probe");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Only readings measured in [from, to] (epoch ms) count. */
    public void window(long from, long to) {
        window.set(from, to);
    }

    public LatencyStats updated() {
        return updated;
    }

    private void sample() {
        while (running) {
            try {
                round();
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException redisHiccup) {
                // a missed round only means fewer samples
            }
        }
    }

    private void round() {
        List<String> ids = new ArrayList<>(PER_ROUND);
        List<Response<List<String>>> replies = new ArrayList<>(PER_ROUND);
        try (PipelineBase pipeline = redis.pipelined()) {
            for (int i = 0; i < PER_ROUND; i++) {
                String id = patients.get(random.nextInt(patients.size()));
                ids.add(id);
                replies.add(pipeline.hmget(RedisKeys.latest(id), "ts", "updatedAt"));
            }
            pipeline.sync();
        }
        for (int i = 0; i < ids.size(); i++) {
            List<String> v = replies.get(i).get();
            if (v.get(0) == null || v.get(1) == null || v.get(0).equals(lastSeenTs.put(ids.get(i), v.get(0)))) {
                continue;
            }
            long ts = Long.parseLong(v.get(0));
            if (window.contains(ts)) {
                updated.record(Long.parseLong(v.get(1)) - ts);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
