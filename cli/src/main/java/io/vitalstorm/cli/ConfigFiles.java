package io.vitalstorm.cli;

import io.vitalstorm.core.config.VitalStormSettings;
import org.apache.storm.utils.Utils;

import java.util.HashMap;
import java.util.Map;

/** Reads a VitalStorm YAML config file (the same one passed to the topology) into settings. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static VitalStormSettings settings(String configFile) {
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        if (configFile != null) {
            conf.putAll(Utils.findAndReadConfigFile(configFile, true));
        }
        return VitalStormSettings.fromMap(conf);
    }
}
