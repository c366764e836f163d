package io.vitalstorm.it;

import io.vitalstorm.core.config.SecretFiles;
import io.vitalstorm.core.config.VitalStormSettings;
import io.vitalstorm.infra.LoopbackCertificates;
import io.vitalstorm.infra.RedisServerProcess;
import io.vitalstorm.storage.FailureCounts;
import io.vitalstorm.storage.redis.RedisClients;
import io.vitalstorm.storage.redis.RedisFailureCounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Redis whose default user is off: only the VitalStorm ACL user, on vs:* keys, without admin commands. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisAclTest {

    private final String password = LoopbackCertificates.randomSecret();
    private RedisServerProcess redis;
    private JedisPooled topology;

    @BeforeAll
    void start() throws Exception {
        Path dir = Path.of("target", "redis-acl-" + ProcessHandle.current().pid()).toAbsolutePath();
        redis = RedisServerProcess.withAclUser(dir.resolve("server"), "vitalstorm", password);
        redis.start();
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        conf.put("vitalstorm.redis.host", redis.host());
        conf.put("vitalstorm.redis.port", redis.port());
        conf.put("vitalstorm.redis.username", "vitalstorm");
        conf.put("vitalstorm.redis.password.file",
                SecretFiles.write(dir.resolve("redis.password"), password).toString());
        topology = RedisClients.open(VitalStormSettings.fromMap(conf));
    }

    @AfterAll
    void stop() {
        if (topology != null) {
            topology.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void theTopologyUserWorksOnItsOwnKeysOnly() {
        String key = "vs:acl-test";
        topology.set(key, "1");
        assertThat(topology.get(key)).isEqualTo("1");
        assertThatThrownBy(() -> topology.set("other:acl-test", "1")).hasMessageContaining("NOPERM");
        assertThatThrownBy(topology::flushAll).hasMessageContaining("NOPERM");
        assertThatThrownBy(() -> topology.keys("*")).hasMessageContaining("NOPERM");
    }

    @Test
    void theDashboardsFailedLoginCountsWorkUnderTheAcl() {
        // RedisFailureCounts: EVAL (INCR, PTTL, PEXPIRE), DEL on vs:login:* keys
        RedisFailureCounts counts = new RedisFailureCounts(topology);
        counts.fail("user:acl.test", Duration.ofMinutes(15));
        counts.fail("user:acl.test", Duration.ofMinutes(15));
        FailureCounts.Window w = counts.read("user:acl.test");
        assertThat(w.failures()).isEqualTo(2);
        assertThat(w.left()).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        counts.clear("user:acl.test");
        assertThat(counts.read("user:acl.test")).isEqualTo(FailureCounts.Window.NONE);
    }

    @Test
    void theDefaultUserAndAWrongPasswordAreRefused() {
        try (Jedis anonymous = new Jedis(new HostAndPort(redis.host(), redis.port()),
                DefaultJedisClientConfig.builder().build())) {
            assertThatThrownBy(anonymous::ping).hasMessageContaining("NOAUTH");
        }
        assertThatThrownBy(() -> new Jedis(new HostAndPort(redis.host(), redis.port()),
                DefaultJedisClientConfig.builder().user("vitalstorm").password("not-" + password).build()).ping())
                .hasMessageContaining("WRONGPASS");
    }

    @Test
    void thePasswordIsOnNoCommandLineAndInNoFile() throws Exception {
        Path acl = Path.of("target", "redis-acl-" + ProcessHandle.current().pid(), "server", "users.acl")
                .toAbsolutePath();
        assertThat(Files.readString(acl)).doesNotContain(password).contains("~vs:*");
        assertThat(Files.getPosixFilePermissions(acl)).hasSize(2);
        String cmdlines = ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .reduce("", String::concat);
        assertThat(cmdlines).doesNotContain(password);
    }
}
