package io.vitalstorm.storage.redis;

import com.github.benmanes.caffeine.cache.Ticker;
import io.vitalstorm.core.news2.ScoredObservation;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps each patient's latest picture in Redis (see {@link RedisKeys}); "latest" means latest in
 * event time: a late or replayed older reading never overwrites a newer one. A batch goes to Redis
 * as one pipeline, coalesced per patient ({@link LatestStatePlan}).
 *
 * <p>The version check without a script on the hot path: the writer remembers, per patient, the
 * {@code ts} that Redis holds because this writer wrote it ({@link PatientVersions}, bounded,
 * forgotten when the patient is quiet). Knowing it, the writer drops the readings older than it and
 * sends the rest of the patient's batch as one plain {@code HSET} and two {@code ZADD}s. Not knowing
 * it (the first write after a start, a rebalance, a quiet spell or a failed write), it sends each
 * reading through a small Lua script that compares versions in Redis and answers the ts Redis then
 * holds, which the writer remembers. This is sound because a patient's readings have a single
 * writer: the topology routes them by patient id to one score task (the task count of a
 * topology is fixed, so is the routing), a task started again starts with empty knowledge, and
 * the bench's limit loop and Flink peer each write their patients from one writer per key group.
 * The one thing that could write behind a writer's back — the stale-state sweeper — only deletes,
 * which makes Redis older, never newer. A write whose outcome is unknown (an exception) forgets the
 * batch's patients, so the next write for them is checked again.
 */
public final class LatestStateWriter {

    /** Patients one writer remembers at most; beyond, the least recently written are checked again. */
    public static final long REMEMBERED_PATIENTS = 200_000;
    /** A patient written nothing for this long is forgotten (their next write is checked). */
    public static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    // KEYS: latest hash, all-patients risk zset, ward risk zset.
    // ARGV: ts, news2, patientId, then field/value pairs for the hash.
    // Answers the ts the hash holds afterwards: the reading's, or the newer one that refused it.
    private static final String SCRIPT = """
            local current = redis.call('HGET', KEYS[1], 'ts')
            if current and tonumber(current) > tonumber(ARGV[1]) then return tonumber(current) end
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
            return tonumber(ARGV[1])
            """;

    private final JedisPooled redis;
    private final PatientVersions versions;
    private String sha;
    private long checkedWrites;
    private long plainWrites;

    public LatestStateWriter(JedisPooled redis) {
        this(redis, REMEMBERED_PATIENTS, FORGET_AFTER, Ticker.systemTicker());
    }

    /** With the memory's bounds and clock given (tests of forgetting). */
    public LatestStateWriter(JedisPooled redis, long rememberedPatients, Duration forgetAfter, Ticker ticker) {
        this.redis = redis;
        this.versions = new PatientVersions(rememberedPatients, forgetAfter, ticker);
        this.sha = redis.scriptLoad(SCRIPT);
    }

    public void write(List<ScoredObservation> batch) {
        List<LatestStatePlan.Write> writes = LatestStatePlan.plan(batch, versions::known, System.currentTimeMillis());
        try {
            try {
                send(writes);
            } catch (JedisNoScriptException restartedRedis) {
                // a restarted Redis has lost its script cache; load once more and redo the batch (idempotent)
                sha = redis.scriptLoad(SCRIPT);
                send(writes);
            }
        } catch (RuntimeException unknownOutcome) {
            Set<String> patients = new LinkedHashSet<>();
            batch.forEach(s -> patients.add(s.patientId()));
            versions.forget(patients);
            throw unknownOutcome;
        }
    }

    private void send(List<LatestStatePlan.Write> writes) {
        List<Response<?>> replies = new ArrayList<>(writes.size());
        List<Response<?>> boards = new ArrayList<>(2 * writes.size());
        try (PipelineBase pipeline = redis.pipelined()) {
            for (LatestStatePlan.Write w : writes) {
                String latest = RedisKeys.latest(w.patientId());
                String ward = RedisKeys.riskOfWard(w.newest().profile().ward());
                if (w.checked()) {
                    replies.add(pipeline.evalsha(sha, List.of(latest, RedisKeys.riskAll(), ward), args(w)));
                } else {
                    replies.add(pipeline.hset(latest, w.fields()));
                    boards.add(pipeline.zadd(RedisKeys.riskAll(), w.news2(), w.patientId()));
                    boards.add(pipeline.zadd(ward, w.news2(), w.patientId()));
                }
            }
            pipeline.sync();
        }
        boards.forEach(Response::get); // throws the server's error, if any
        for (int i = 0; i < writes.size(); i++) {
            LatestStatePlan.Write w = writes.get(i);
            Object reply = replies.get(i).get(); // throws the server's error, if any
            if (w.checked()) {
                checkedWrites++;
                versions.holds(w.patientId(), ((Number) reply).longValue());
            } else {
                plainWrites++;
                versions.holds(w.patientId(), w.ts());
            }
        }
    }

    /** Script evaluations so far: one per reading of a patient this writer did not know. */
    public long checkedWrites() {
        return checkedWrites;
    }

    /** Plain (coalesced) patient writes so far. */
    public long plainWrites() {
        return plainWrites;
    }

    /** Patients whose stored ts this writer remembers now (after forgetting the quiet ones). */
    public long rememberedPatients() {
        return versions.remembered();
    }

    private static List<String> args(LatestStatePlan.Write w) {
        List<String> a = new ArrayList<>(3 + 2 * w.fields().size());
        a.add(Long.toString(w.ts()));
        a.add(Integer.toString(w.news2()));
        a.add(w.patientId());
        for (Map.Entry<String, String> f : w.fields().entrySet()) {
            a.add(f.getKey());
            a.add(f.getValue());
        }
        return a;
    }
}
