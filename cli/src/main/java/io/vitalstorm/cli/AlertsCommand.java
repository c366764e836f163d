package io.vitalstorm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import redis.clients.jedis.JedisPooled;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code vitalstorm alerts open|ack}: the open alerts (from Redis), and a clinician's
 * acknowledgement, sent to the acknowledgements topic as any ward system would send it.
 */
final class AlertsCommand {

    static final String USAGE = "alerts open [--config F] | alerts ack --patient P --alert ID --by NAME [--note TEXT] [--config F]";

    private AlertsCommand() {
    }

    static int run(String[] argv, PrintStream out, PrintStream err) throws Exception {
        String verb = argv.length > 1 ? argv[1] : "";
        Args args = Args.parse(argv, 2, Set.of("--config", "--patient", "--alert", "--by", "--note"), Set.of());
        VitalStormSettings settings = ConfigFiles.settings(args.option("--config"));
        return switch (verb) {
            case "open" -> open(settings, out);
            case "ack" -> ack(settings, args, out);
            default -> throw new Args.UsageException("expected: " + USAGE);
        };
    }

    private static int open(VitalStormSettings settings, PrintStream out) throws Exception {
        try (JedisPooled redis = RedisClients.open(settings)) {
            Map<String, String> open = new TreeMap<>(redis.hgetAll(RedisKeys.OPEN_ALERTS));
            for (String value : open.values()) {
                JsonNode a = Json.MAPPER.readTree(value);
                out.printf("%-12s %-13s %-12s %-10s NEWS2 %-2d since %s  %s  %s%n", a.path("patientId").asText(),
                        a.path("condition").asText(), a.path("state").asText(), a.path("band").asText(),
                        a.path("news2").asInt(), Instant.ofEpochMilli(a.path("openedAt").asLong()),
                        a.path("alertId").asText(), a.path("reason").asText());
            }
            out.println(open.size() + " open alerts");
        }
        return 0;
    }

    private static int ack(VitalStormSettings settings, Args args, PrintStream out) throws Exception {
        ObjectNode ack = Json.object();
        ack.put("patientId", required(args, "--patient"));
        ack.put("alertId", required(args, "--alert"));
        ack.put("by", required(args, "--by"));
        ack.put("ts", System.currentTimeMillis());
        if (args.option("--note") != null) {
            ack.put("note", args.option("--note"));
        }
        Properties p = new Properties();
        p.putAll(settings.kafkaClientProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            RecordMetadata m = producer.send(new ProducerRecord<>(settings.acknowledgementsTopic(),
                    ack.get("patientId").asText(), Json.bytes(ack))).get(30, TimeUnit.SECONDS);
            out.println("acknowledgement sent to " + m.topic() + "/" + m.partition() + "@" + m.offset()
                    + "; the alert goes ACKNOWLEDGED on the clinician topic (or the dead-letter topic says why not)");
        }
        return 0;
    }

    private static String required(Args args, String option) {
        String v = args.option(option);
        if (v == null || v.isBlank()) {
            throw new Args.UsageException(option + " is required: " + USAGE);
        }
        return v;
    }
}
