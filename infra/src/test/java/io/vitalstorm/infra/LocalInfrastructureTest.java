package io.vitalstorm.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Starts the real servers once and talks to each with its real client; the last test stops them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalInfrastructureTest {

    private LocalInfrastructure infra;

    @BeforeAll
    void startServers() throws Exception {
        infra = LocalInfrastructure.start(Path.of("target", "infra-test-" + ProcessHandle.current().pid()));
    }

    @AfterAll
    void stopServers() {
        if (infra != null) {
            infra.close(); // no-op when closeStopsEverything ran
        }
    }

    @Test
    @Order(1)
    void kafkaRoundTripsRecordsOnACreatedTopic() throws Exception {
        Map<String, Integer> topics = Map.of("vitals-test", 3);
        infra.createTopics(topics);
        infra.createTopics(topics); // idempotent

        List<String> sent = List.of("hr=72", "spo2=97", "rr=14");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            for (String value : sent) {
                producer.send(new ProducerRecord<>("vitals-test", "patient-1", value)).get();
            }
        }
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            consumer.subscribe(List.of("vitals-test"));
            await("the three records").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ZERO).pollInSameThread().untilAsserted(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            received.add(record.value());
                        }
                        assertThat(received).containsExactlyElementsOf(sent); // one key, so one partition, in order
                    });
        }
    }

    @Test
    @Order(2)
    void createTopicsRefusesAnExistingTopicWithOtherPartitions() throws Exception {
        infra.createTopics(Map.of("fixed-partitions", 2));
        assertThatThrownBy(() -> infra.createTopics(Map.of("fixed-partitions", 5)))
                .hasMessageContaining("fixed-partitions");
    }

    @Test
    @Order(3)
    void redisStoresAndReturnsAValue() throws Exception {
        try (Socket socket = new Socket(infra.redisHost(), infra.redisPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(resp("SET", "patient:1:news2", "5"));
            assertThat(in.readLine()).isEqualTo("+OK");
            out.write(resp("GET", "patient:1:news2"));
            assertThat(in.readLine()).isEqualTo("$1");
            assertThat(in.readLine()).isEqualTo("5");
        }
    }

    @Test
    @Order(4)
    void zookeeperCreatesAndReadsAZnode() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper client = new ZooKeeper(infra.zookeeperConnect(), 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
            byte[] data = "{\"hr_high\":130}".getBytes(StandardCharsets.UTF_8);
            client.create("/infra-test", data, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            assertThat(client.getData("/infra-test", false, null)).isEqualTo(data);
        } finally {
            client.close();
        }
    }

    @Test
    @Order(5)
    void cassandraCreatesInsertsAndSelects() {
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(infra.cassandraHost(), infra.cassandraPort()))
                .withLocalDatacenter(infra.cassandraLocalDatacenter())
                .build()) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS infra_test WITH replication ="
                    + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE IF NOT EXISTS infra_test.observations"
                    + " (patient_id text, at timestamp, heart_rate int, PRIMARY KEY (patient_id, at))");
            session.execute("INSERT INTO infra_test.observations (patient_id, at, heart_rate)"
                    + " VALUES ('p-1', '2026-01-01T00:00:00Z', 72)");
            Row row = session.execute("SELECT heart_rate FROM infra_test.observations WHERE patient_id = 'p-1'").one();
            assertThat(row).isNotNull();
            assertThat(row.getInt("heart_rate")).isEqualTo(72);
        }
    }

    @Test
    @Order(99)
    void closeStopsEverything() {
        List<Integer> ports = List.of(
                port(infra.zookeeperConnect()), port(infra.kafkaBootstrapServers()),
                infra.redisPort(), infra.cassandraPort());
        List<ProcessHandle> processes = infra.childProcesses();
        Path workDir = infra.workDir();
        assertThat(processes).allMatch(ProcessHandle::isAlive);

        infra.close();

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(ports).allMatch(FreePorts::isFree);
        assertThat(workDir).doesNotExist();
    }

    private Properties producerConfig() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private Properties consumerConfig() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    /** A RESP array of bulk strings, the request format of every Redis command. */
    private static byte[] resp(String... words) {
        StringBuilder out = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            out.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word)
                    .append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }
}
