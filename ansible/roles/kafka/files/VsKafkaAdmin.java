// Kafka health and topic tool for the Ansible roles and the lab test, run with the JDK's
// source launcher against the platform jars (kafka-clients):
//   java -cp '/opt/vitalstorm/platform/lib/*' VsKafkaAdmin.java COMMAND BOOTSTRAP ...
//   quorum                                   KRaft quorum as JSON: leader, voters, their lag
//   ensure-topics RF MIN_ISR NAME:PARTS...   create missing topics; JSON {"created": [...]}
//   describe-topics NAME...                  JSON per topic: partitions, replication, ISR, min ISR
//   produce TOPIC                            stdin lines "key<TAB>value", acks=all
//   consume TOPIC SECONDS                    every record's value from the beginning, one a line
// (Kafka 4's kafka-metadata-quorum/kafka-topics live in kafka-tools, which is not served here.)
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.*;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.*;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.*;
import java.util.stream.*;

public class VsKafkaAdmin {
    public static void main(String[] args) throws Exception {
        String command = args[0];
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        List<String> rest = Arrays.asList(args).subList(2, args.length);
        switch (command) {
            case "quorum" -> quorum(p);
            case "ensure-topics" ->
                    ensureTopics(p, Short.parseShort(rest.get(0)), rest.get(1), rest.subList(2, rest.size()));
            case "describe-topics" -> describeTopics(p, rest);
            case "produce" -> produce(p, rest.get(0));
            case "consume" -> consume(p, rest.get(0), Integer.parseInt(rest.get(1)));
            default -> throw new IllegalArgumentException("unknown command " + command);
        }
    }

    static void quorum(Properties p) throws Exception {
        try (Admin admin = Admin.create(p)) {
            QuorumInfo q = admin.describeMetadataQuorum().quorumInfo().get();
            long leaderEnd = q.voters().stream().filter(v -> v.replicaId() == q.leaderId())
                    .mapToLong(QuorumInfo.ReplicaState::logEndOffset).findFirst().orElse(-1);
            String voters = q.voters().stream().map(v -> "{\"id\": " + v.replicaId() + ", \"lag\": "
                    + (leaderEnd - v.logEndOffset()) + "}").collect(Collectors.joining(", "));
            System.out.println("{\"leader\": " + q.leaderId() + ", \"epoch\": " + q.leaderEpoch()
                    + ", \"voters\": [" + voters + "], \"observers\": " + q.observers().size() + "}");
        }
    }

    static void ensureTopics(Properties p, short rf, String minIsr, List<String> specs) throws Exception {
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String spec : specs) {
                String[] parts = spec.split(":");
                if (!existing.contains(parts[0])) {
                    missing.add(new NewTopic(parts[0], Integer.parseInt(parts[1]), rf)
                            .configs(Map.of("min.insync.replicas", minIsr)));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            System.out.println("{\"created\": [" + missing.stream().map(t -> "\"" + t.name() + "\"")
                    .collect(Collectors.joining(", ")) + "]}");
        }
    }

    static void describeTopics(Properties p, List<String> names) throws Exception {
        try (Admin admin = Admin.create(p)) {
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get();
            List<String> out = new ArrayList<>();
            for (String name : names) {
                TopicDescription t = topics.get(name);
                int rf = t.partitions().stream().mapToInt(pi -> pi.replicas().size()).min().orElse(0);
                long under = t.partitions().stream().filter(pi -> pi.isr().size() < pi.replicas().size()).count();
                long leaderless = t.partitions().stream()
                        .filter(pi -> pi.leader() == null || pi.leader().isEmpty()).count();
                String minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                        .get("min.insync.replicas").value();
                out.add("\"" + name + "\": {\"partitions\": " + t.partitions().size() + ", \"replication\": " + rf
                        + ", \"under_replicated\": " + under + ", \"leaderless\": " + leaderless
                        + ", \"min_insync_replicas\": " + minIsr + "}");
            }
            System.out.println("{" + String.join(", ", out) + "}");
        }
    }

    static void produce(Properties p, String topic) throws Exception {
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int sent = 0;
        try (Producer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                producer.send(new ProducerRecord<>(topic, line.substring(0, tab), line.substring(tab + 1))).get();
                sent++;
            }
        }
        System.out.println("{\"sent\": " + sent + "}");
    }

    static void consume(Properties p, String topic, int seconds) {
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(seconds)).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline && parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    System.out.println(r.value());
                }
            }
        }
    }
}
