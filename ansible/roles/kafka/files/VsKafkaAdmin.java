// Kafka health and topic tool for the Ansible roles and the lab test, run with the JDK's
// source launcher against the platform jars (kafka-clients):
//   java -cp '/opt/vitalstorm/platform/lib/*' VsKafkaAdmin.java COMMAND BOOTSTRAP ...
//   quorum                                   KRaft quorum as JSON: leader, voters, their lag
//   ensure-topics RF MIN_ISR NAME:PARTS...   create missing topics; JSON {"created": [...]}
//   describe-topics NAME...                  JSON per topic: partitions, replication, ISR, min ISR
//   ensure-scram                             stdin lines "user password": SCRAM-SHA-512 users
//                                            created when missing (never changed); JSON {"created": [...]}
//   ensure-acls GROUP ROLE:USER...           docs/security.md's ACLs (TopicAcls) of each principal,
//                                            ROLE topology|device|clinician; JSON {"created": N}
//   produce TOPIC                            stdin lines "key<TAB>value", acks=all
//   consume TOPIC SECONDS                    every record's value from the beginning, one a line
//   format-storage CLUSTER_ID CONFIG ADMIN   (no BOOTSTRAP) StorageTool format of the log dir, with
//                                            ADMIN's SCRAM-SHA-512 credential when stdin has a
//                                            password (one line): in-process, never on a command line
// (Kafka 4's kafka-metadata-quorum/kafka-topics live in kafka-tools, which is not served here.)
// -Dvs.kafka.client.config=FILE adds client properties from FILE (the role's 0600
// /etc/kafka/admin.properties: SASL_SSL login as the super user); empty or unset: PLAINTEXT.
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
        if (command.equals("format-storage")) {
            System.exit(formatStorage(args[1], args[2], args[3]));
        }
        Properties p = new Properties();
        String clientConfig = System.getProperty("vs.kafka.client.config", "");
        if (!clientConfig.isEmpty()) {
            try (Reader in = new FileReader(clientConfig, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        List<String> rest = Arrays.asList(args).subList(2, args.length);
        switch (command) {
            case "quorum" -> quorum(p);
            case "ensure-topics" ->
                    ensureTopics(p, Short.parseShort(rest.get(0)), rest.get(1), rest.subList(2, rest.size()));
            case "describe-topics" -> describeTopics(p, rest);
            case "ensure-scram" -> ensureScram(p);
            case "ensure-acls" -> ensureAcls(p, rest.get(0), rest.subList(1, rest.size()));
            case "produce" -> produce(p, rest.get(0));
            case "consume" -> consume(p, rest.get(0), Integer.parseInt(rest.get(1)));
            default -> throw new IllegalArgumentException("unknown command " + command);
        }
    }

    static int formatStorage(String clusterId, String config, String admin) throws IOException {
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        List<String> a = new ArrayList<>(List.of("format", "-t", clusterId, "-c", config));
        if (password != null && !password.isEmpty()) {
            if (!password.matches("[A-Za-z0-9]+") || !admin.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("admin user and password: letters and digits");
            }
            a.addAll(List.of("--add-scram", "SCRAM-SHA-512=[name=" + admin + ",password=" + password + "]"));
        }
        return kafka.tools.StorageTool.execute(a.toArray(String[]::new), System.out);
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

    static void ensureScram(Properties p) throws Exception {
        Map<String, String> wanted = new LinkedHashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            int tab = line.indexOf(' ');
            if (tab > 0) {
                wanted.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.describeUserScramCredentials().all().get().keySet();
            List<UserScramCredentialAlteration> missing = new ArrayList<>();
            wanted.forEach((user, password) -> {
                if (!existing.contains(user)) {
                    missing.add(new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password));
                }
            });
            if (!missing.isEmpty()) {
                admin.alterUserScramCredentials(missing).all().get();
            }
            System.out.println("{\"created\": [" + missing.stream().map(a -> "\"" + a.user() + "\"")
                    .collect(Collectors.joining(", ")) + "]}");
        }
    }

    static void ensureAcls(Properties p, String group, List<String> principals) throws Exception {
        io.vitalstorm.core.config.VitalStormSettings s = io.vitalstorm.core.config.VitalStormSettings.fromMap(
                Map.of("vitalstorm.kafka.consumer.group", group));
        List<org.apache.kafka.common.acl.AclBinding> wanted = new ArrayList<>();
        for (String principal : principals) {
            String[] roleUser = principal.split(":", 2);
            wanted.addAll(switch (roleUser[0]) {
                case "topology" -> io.vitalstorm.storage.kafka.TopicAcls.topology(s, roleUser[1]);
                case "device" -> io.vitalstorm.storage.kafka.TopicAcls.device(s, roleUser[1]);
                case "clinician" -> io.vitalstorm.storage.kafka.TopicAcls.clinicianTool(s, roleUser[1]);
                default -> throw new IllegalArgumentException("unknown ACL role " + roleUser[0]);
            });
        }
        try (Admin admin = Admin.create(p)) {
            Collection<org.apache.kafka.common.acl.AclBinding> existing =
                    admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get();
            List<org.apache.kafka.common.acl.AclBinding> missing =
                    wanted.stream().filter(a -> !existing.contains(a)).toList();
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get();
            }
            System.out.println("{\"created\": " + missing.size() + "}");
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
