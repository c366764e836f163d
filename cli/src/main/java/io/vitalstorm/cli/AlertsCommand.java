package io.vitalstorm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vitalstorm.core.alert.AckCredentials;
import io.vitalstorm.core.alert.AckKeys;
import io.vitalstorm.core.alert.AckSignatures;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.core.json.Json;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisKeys;
import io.vitalstorm.topology.cli.ConfigOption;
import io.vitalstorm.topology.cli.ExitCodes;
import io.vitalstorm.topology.cli.UsageException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import redis.clients.jedis.JedisPooled;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code vitalstorm alerts open|ack}: the open alerts (from Redis), and a clinician's
 * acknowledgement, sent to the acknowledgements topic as any ward system would send it.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Open alerts, and acknowledging one.",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
final class AlertsCommand {

    private final Streams io;

    private AlertsCommand(Streams io) {
        this.io = io;
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "The open alerts (from Redis): patient, condition, state, band, since, alert id, reason.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int open(@Mixin ConfigOption config) throws Exception {
        try (JedisPooled redis = RedisClients.open(config.settings())) {
            Map<String, String> open = new TreeMap<>(redis.hgetAll(RedisKeys.OPEN_ALERTS));
            for (String value : open.values()) {
                JsonNode a = Json.MAPPER.readTree(value);
                io.out().printf("%-12s %-13s %-12s %-10s NEWS2 %-2d since %s  %s  %s%n", a.path("patientId").asText(),
                        a.path("condition").asText(), a.path("state").asText(), a.path("band").asText(),
                        a.path("news2").asInt(), Instant.ofEpochMilli(a.path("openedAt").asLong()),
                        a.path("alertId").asText(), a.path("reason").asText());
            }
            io.out().println(open.size() + " open alerts");
        }
        return ExitCodes.DONE;
    }

    @Command(name = "ack", mixinStandardHelpOptions = true,
            description =
                    "Send a clinician's acknowledgement to the acknowledgements topic, as a ward system would: the"
                    + " alert goes ACKNOWLEDGED on the clinician topic, or the dead-letter topic says why not.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.DONE_LINE, ExitCodes.FAILED_LINE, ExitCodes.USAGE_LINE})
    int ack(@Mixin ConfigOption config,
            @Option(names = "--patient", required = true, paramLabel = "P",
                    description = "the patient id") String patient,
            @Option(names = "--alert", required = true, paramLabel = "ID",
                    description = "the alert id (alerts open)") String alert,
            @Option(names = "--by", paramLabel = "NAME",
                    description = "who acknowledges (default: the identity of the signing key)") String by,
            @Option(names = "--key-file", paramLabel = "FILE", description = "the operator's signing key"
                    + " ('<keyId> <base64 key> <name>', mode 0600); default vitalstorm.acks.signing.key.file")
            Path keyFile,
            @Option(names = "--note", paramLabel = "TEXT", description = "a note for the care team") String note)
            throws Exception {
        VitalStormSettings settings = config.settings();
        AckKeys.Key key = keyFile != null ? AckKeys.single("--key-file", keyFile)
                : AckCredentials.signingKey(settings.ackAuthentication());
        String who = by != null ? by : key != null ? key.identity() : null;
        if (who == null) {
            throw new UsageException("--by is required when the signing key names nobody");
        }
        if (key != null && key.identity() != null && !key.identity().equals(who)) {
            throw new UsageException("the signing key " + key.id() + " acknowledges only as " + key.identity());
        }
        ObjectNode ack = Json.object();
        ack.put("patientId", nonBlank(patient, "--patient"));
        ack.put("alertId", nonBlank(alert, "--alert"));
        ack.put("by", nonBlank(who, "--by"));
        ack.put("ts", System.currentTimeMillis());
        if (note != null) {
            ack.put("note", note);
        }
        if (key != null) {
            AckSignatures.sign(ack, key);
        }
        Properties p = new Properties();
        p.putAll(settings.kafkaClientProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            RecordMetadata m = producer.send(new ProducerRecord<>(settings.acknowledgementsTopic(),
                    ack.get("patientId").asText(), Json.bytes(ack))).get(30, TimeUnit.SECONDS);
            io.out().println("acknowledgement sent to " + m.topic() + "/" + m.partition() + "@" + m.offset()
                    + "; the alert goes ACKNOWLEDGED on the clinician topic (or the dead-letter topic says why not)");
        }
        return ExitCodes.DONE;
    }

    private static String nonBlank(String value, String option) {
        if (value.isBlank()) {
            throw new UsageException(option + " must not be blank");
        }
        return value;
    }
}
