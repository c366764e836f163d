package io.vitalstorm.storage.kafka;

import io.vitalstorm.core.config.KafkaSecurity;
import io.vitalstorm.core.config.SecretFiles;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Resolves {@code ${vsfile:<dir>:<name>}} in Kafka client properties ({@link KafkaSecurity}) to the
 * content of {@code <dir>/<name>}, refusing a file that is not mode 0600. Kafka calls it when a
 * client is created, so secrets are read on the host that connects and are held nowhere else.
 */
public final class SecretFileConfigProvider implements ConfigProvider {

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public ConfigData get(String path) {
        throw new ConfigException("vsfile references name one file each: ${vsfile:<dir>:<file>}");
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
        if (path == null || path.isEmpty()) {
            throw new ConfigException("vsfile reference without a directory: ${vsfile:<dir>:<file>}");
        }
        Map<String, String> data = new HashMap<>();
        for (String key : keys) {
            Path file = Path.of(path).resolve(key);
            try {
                data.put(key, SecretFiles.read("Kafka secret file", file));
            } catch (IllegalStateException e) {
                // ConfigException so Kafka's client constructor reports it as a configuration error
                throw new ConfigException(e.getMessage());
            }
        }
        return new ConfigData(data);
    }

    @Override
    public void close() {
    }
}
