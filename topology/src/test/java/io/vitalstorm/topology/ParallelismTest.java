package io.vitalstorm.topology;

import io.vitalstorm.core.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Executors per component: documented in docs/configuration.md as declared, read with their bounds. */
class ParallelismTest {

    @Test
    void everyParallelismSettingIsDocumentedWithItsDefaultBoundsAndDoc() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        assertThat(Setting.undocumented(doc, Parallelism.ALL)).isEmpty();
    }

    @Test
    void oneEachByDefaultAndAValueAsYamlOrMinusCGiveIt() {
        assertThat(Parallelism.fromConf(Map.of())).isEqualTo(new Parallelism(1, 1, 1, 1, 1, 1));
        Parallelism p = Parallelism.fromConf(Map.of("vitalstorm.parallelism.score", 3,
                "vitalstorm.parallelism.kafka-out", "2"));
        assertThat(p.score()).isEqualTo(3);
        assertThat(p.kafkaOut()).isEqualTo(2);
    }

    @Test
    void aCountBelowOneOrNotANumberIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> Parallelism.fromConf(Map.of("vitalstorm.parallelism.score", 0)))
                .hasMessage("vitalstorm.parallelism.score must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> Parallelism.fromConf(Map.of("vitalstorm.parallelism.alert", "many")))
                .hasMessage("vitalstorm.parallelism.alert must be a whole number, was 'many'");
    }

    @Test
    void theKeysOfComponentsFoldedIntoScoreAreRefusedWithWhatToSetInstead() {
        for (String removed : List.of("vitalstorm.parallelism.parse", "vitalstorm.parallelism.enrich",
                "vitalstorm.parallelism.latest-state")) {
            assertThatThrownBy(() -> Parallelism.fromConf(Map.of(removed, 2)))
                    .hasMessage(removed + " is no longer a setting: parse, enrich, score and the latest-state write are"
                            + " one component now; set vitalstorm.parallelism.score instead (docs/configuration.md)");
        }
    }
}
