package io.vitalstorm.cli;

import io.vitalstorm.core.config.VitalStormSettings;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code --config FILE}, the option of every command that talks to the servers. */
final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "VitalStorm YAML config, the one the topology takes (docs/configuration.md); the defaults"
                    + " (servers on 127.0.0.1) without it")
    String file;

    VitalStormSettings settings() {
        return ConfigFiles.settings(file);
    }

    /** Every key of the file over the defaults. */
    Map<String, Object> conf() {
        return ConfigFiles.conf(file);
    }
}
