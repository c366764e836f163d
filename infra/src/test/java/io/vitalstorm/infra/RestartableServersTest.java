package io.vitalstorm.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.Test;

/** The child-JVM Kafka and ZooKeeper of the fault suite: killed -9 and restarted, they come back with their data. */
class RestartableServersTest {

    private static final Path DIR = Path.of("target", "restartable-" + ProcessHandle.current().pid());

    @AfterAll
    static void deleteData() throws Exception {
        WorkDirs.deleteRecursively(DIR);
    }

    @Test
    void zookeeperKilledAndRestartedKeepsItsPortAndZnodes() throws Exception {
        try (ZooKeeperProcess server = new ZooKeeperProcess(DIR.resolve("zookeeper"))) {
            server.start();
            String connect = server.connectString();
            try (ZooKeeper zk = connect(connect)) {
                zk.create("/kept", "v".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
            }
            ProcessHandle first = server.processHandle();
            server.kill();
            assertThat(first.isAlive()).isFalse();
            server.start();
            assertThat(server.connectString()).isEqualTo(connect);
            try (ZooKeeper zk = connect(connect)) {
                assertThat(new String(zk.getData("/kept", false, null), StandardCharsets.UTF_8)).isEqualTo("v");
            }
            server.close();
            assertThat(server.processHandle().isAlive()).isFalse();
        }
    }

    @Test
    void kafkaKilledAndRestartedKeepsItsTopicsAndRecords() throws Exception {
        try (KafkaBrokerProcess broker = new KafkaBrokerProcess(DIR.resolve("kafka"))) {
            broker.start();
            broker.createTopics(Map.of("kept", 1));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "k", "before the kill")).get();
            }
            broker.kill();
            broker.start();
            broker.createTopics(Map.of("kept", 1)); // exists already: only waits for its leader
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "restart-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("kept"));
                await("the record written before the kill").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ZERO).pollInSameThread().until(() -> {
                            consumer.poll(Duration.ofSeconds(1))
                                    .forEach((ConsumerRecord<String, String> r) -> values.add(r.value()));
                            return !values.isEmpty();
                        });
            }
            assertThat(values).containsExactly("before the kill");
        }
    }

    private static ZooKeeper connect(String connect) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connect, 10_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(20, TimeUnit.SECONDS)).isTrue();
        return zk;
    }
}
