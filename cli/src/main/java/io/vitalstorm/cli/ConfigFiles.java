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
        return VitalStormSettings.fromMap(conf(configFile));
    }

    /** Every key of the file over the defaults (for settings of other modules, e.g. the registry sync). */
    static Map<String, Object> conf(String configFile) {
        Map<String, Object> conf = new HashMap<>(VitalStormSettings.DEFAULTS);
        if (configFile != null) {
            conf.putAll(Utils.findAndReadConfigFile(configFile, true));
        }
        return conf;
    }
}
