package io.vitalstorm.it;

import com.datastax.oss.driver.api.core.CqlSession;
import io.vitalstorm.cli.LocalVitalStorm;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.infra.LocalInfrastructure;
import io.vitalstorm.storage.cassandra.CassandraSessions;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.testsupport.KafkaTestClient;
import redis.clients.jedis.JedisPooled;

import java.util.ArrayList;
import java.util.List;

/**
 * What a topology test talks to on the shared servers: settings with topics, ZooKeeper root and
 * keyspace of its own ({@code prefix}), and a Kafka, Redis and Cassandra client on them.
 */
final class ServerClients implements AutoCloseable {

    final LocalInfrastructure infra;
    final VitalStormSettings settings;
    final KafkaTestClient kafka;
    final JedisPooled redis;
    final CqlSession cassandra;

    private ServerClients(LocalInfrastructure infra, VitalStormSettings settings) {
        this.infra = infra;
        this.settings = settings;
        this.kafka = new KafkaTestClient(settings.kafkaBootstrapServers());
        this.redis = RedisClients.open(settings);
        this.cassandra = CassandraSessions.open(settings);
    }

    static ServerClients open(String prefix) {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        return new ServerClients(infra, LocalVitalStorm.settings(infra, prefix, "vitalstorm_" + prefix));
    }

    /** The YAML lines of a config file for the CLI on these servers (plaintext, as the shared servers run). */
    List<String> configLines() {
        return new ArrayList<>(List.of(
                "vitalstorm.zookeeper.connect: \"" + settings.zookeeperConnect() + "\"",
                "vitalstorm.zookeeper.root: \"" + settings.zookeeperRoot() + "\"",
                "vitalstorm.redis.host: \"" + settings.redisHost() + "\"",
                "vitalstorm.redis.port: " + settings.redisPort(),
                "vitalstorm.cassandra.contact.points: \"" + settings.cassandraContactPoints() + "\"",
                "vitalstorm.cassandra.keyspace: \"" + settings.cassandraKeyspace() + "\""));
    }

    @Override
    public void close() {
        kafka.close();
        redis.close();
        cassandra.close();
    }
}
