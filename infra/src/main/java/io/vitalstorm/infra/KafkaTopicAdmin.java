package io.vitalstorm.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/** The admin calls of a test broker, in this JVM or a child one: readiness and topic creation. */
final class KafkaTopicAdmin implements AutoCloseable {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final long PROBE_SECONDS = 5;

    private final Admin admin;

    KafkaTopicAdmin(String bootstrapServers, Map<String, Object> extra) {
        Map<String, Object> conf = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
        conf.putAll(extra);
        admin = Admin.create(conf);
    }

    Admin admin() {
        return admin;
    }

    /** describeCluster lists only unfenced brokers, i.e. ones that accept topics; false while none answers. */
    boolean brokerUnfenced() throws InterruptedException {
        try {
            return !admin.describeCluster().nodes().get(PROBE_SECONDS, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        }
    }

    /**
     * Creates the topics that do not exist yet (replication factor 1) and waits until every
     * partition has a leader. An existing topic with another partition count is an error.
     */
    void createTopics(Map<String, Integer> partitionsByTopic) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = new ArrayList<>();
        partitionsByTopic.forEach((topic, partitions) -> {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, partitions, (short) 1));
            }
        });
        for (var creation : admin.createTopics(missing).values().entrySet()) {
            try {
                creation.getValue().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Await.until("topics " + partitionsByTopic.keySet(), TOPIC_TIMEOUT,
                () -> allLeadersElected(partitionsByTopic), () -> "");
    }

    private boolean allLeadersElected(Map<String, Integer> partitionsByTopic) throws Exception {
        Map<String, TopicDescription> topics;
        try {
            topics = admin.describeTopics(partitionsByTopic.keySet()).allTopicNames().get();
        } catch (ExecutionException notVisibleYet) {
            return false;
        }
        for (var wanted : partitionsByTopic.entrySet()) {
            TopicDescription topic = topics.get(wanted.getKey());
            if (topic.partitions().size() != wanted.getValue()) {
                throw new IllegalStateException("topic " + wanted.getKey() + " exists with "
                        + topic.partitions().size() + " partitions, not " + wanted.getValue());
            }
            if (topic.partitions().stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
