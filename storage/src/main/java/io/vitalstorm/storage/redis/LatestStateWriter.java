package io.vitalstorm.storage.redis;

import io.vitalstorm.core.json.Json;
import io.vitalstorm.core.json.ObservationJson;
import io.vitalstorm.core.model.Observation;
import io.vitalstorm.core.news2.Parameter;
import io.vitalstorm.core.news2.ScoredObservation;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Keeps each patient's latest picture in Redis (see {@link RedisKeys}). A small Lua script
 * makes "latest" mean latest in event time: a late or replayed older reading never overwrites
 * a newer one. A batch goes to Redis as one pipeline.
 */
public final class LatestStateWriter {

    // KEYS: latest hash, all-patients risk zset, ward risk zset.
    // ARGV: ts, news2, patientId, then field/value pairs for the hash.
    private static final String SCRIPT = """
            local current = redis.call('HGET', KEYS[1], 'ts')
            if current and tonumber(current) > tonumber(ARGV[1]) then return 0 end
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
            return 1
            """;

    private final JedisPooled redis;
    private String sha;

    public LatestStateWriter(JedisPooled redis) {
        this.redis = redis;
        this.sha = redis.scriptLoad(SCRIPT);
    }

    public void write(List<ScoredObservation> batch) {
        try {
            send(batch);
        } catch (JedisNoScriptException restartedRedis) {
            // a restarted Redis has lost its script cache; load once more and redo the batch
            sha = redis.scriptLoad(SCRIPT);
            send(batch);
        }
    }

    private void send(List<ScoredObservation> batch) {
        List<Response<Object>> replies = new ArrayList<>(batch.size());
        try (PipelineBase pipeline = redis.pipelined()) {
            for (ScoredObservation s : batch) {
                replies.add(pipeline.evalsha(sha, keys(s), args(s)));
            }
            pipeline.sync();
        }
        for (Response<Object> reply : replies) {
            reply.get(); // throws the server's error, if any
        }
    }

    private static List<String> keys(ScoredObservation s) {
        return List.of(RedisKeys.latest(s.patientId()), RedisKeys.riskAll(), RedisKeys.riskOfWard(s.profile().ward()));
    }

    private static List<String> args(ScoredObservation s) {
        Observation o = s.observation();
        List<String> a = new ArrayList<>(40);
        a.add(Long.toString(o.ts()));
        a.add(Integer.toString(s.score().total()));
        a.add(s.patientId());
        field(a, "ts", Long.toString(o.ts()));
        field(a, "patientId", s.patientId());
        field(a, "ward", s.profile().ward());
        field(a, "news2", Integer.toString(s.score().total()));
        field(a, "band", s.score().band().name());
        field(a, "incomplete", Boolean.toString(s.score().incomplete()));
        field(a, "missing", names(s.score().missing()));
        field(a, "carried", names(s.score().carried()));
        var subscores = Json.object();
        s.score().subscores().forEach((p, v) -> subscores.put(p.jsonName(), v));
        field(a, "subscores", subscores.toString());
        field(a, "knownPatient", Boolean.toString(s.enriched().knownPatient()));
        field(a, "deviceId", o.deviceId() == null ? "" : o.deviceId());
        field(a, "updatedAt", Long.toString(System.currentTimeMillis()));
        // each vital present in this reading replaces the stored one; absent ones keep their last value
        ObservationJson.vitals(o).fields().forEachRemaining(e -> field(a, e.getKey(), e.getValue().asText()));
        return a;
    }

    private static void field(List<String> args, String name, String value) {
        args.add(name);
        args.add(value == null ? "" : value);
    }

    private static String names(java.util.Set<Parameter> parameters) {
        StringJoiner joined = new StringJoiner(",");
        for (Parameter p : parameters) {
            joined.add(p.jsonName());
        }
        return joined.toString();
    }
}
