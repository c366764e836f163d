package io.vitalstorm.topology.cli;

import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.storm.utils.Utils;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/** {@code --config FILE}, the option of every command that talks to the servers, and of SubmitCommand. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "VitalStorm YAML config, the one the topology takes (docs/configuration.md); the defaults"
                    + " (servers on 127.0.0.1) without it")
    private String file;

    public VitalStormSettings settings() {
        return VitalStormSettings.fromMap(conf());
    }

    /** Every key of the file over the defaults (for settings of other modules, e.g. the registry sync). */
    public Map<String, Object> conf() {
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        conf.putAll(fileConf());
        return conf;
    }

    /** The file's keys alone, none when there is no file (the topology adds its own defaults). */
    public Map<String, Object> fileConf() {
        return file == null ? Map.of() : Utils.findAndReadConfigFile(file, true);
    }
}
