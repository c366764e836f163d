package io.vitalstorm.bench.run;

import io.vitalstorm.topology.cli.CommandLines;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flink peer's flags: with it by default, --no-flink skips it, --only-flink runs it alone, not both. */
class BenchOptionsTest {

    private final AtomicReference<BenchOptions> parsed = new AtomicReference<>();

    private int run(String... args) {
        return CommandLines.execute(new BenchOptions.Args(o -> {
            parsed.set(o);
            return 0;
        }), args);
    }

    @Test
    void theFlinkPeerRunsBesideTheOthersUnlessToldOtherwise() {
        assertThat(run("--quick")).isZero();
        assertThat(parsed.get().flink()).isEqualTo(BenchOptions.Flink.WITH);
        assertThat(run("--no-flink")).isZero();
        assertThat(parsed.get().flink()).isEqualTo(BenchOptions.Flink.NONE);
        assertThat(run("--only-flink", "--sizes", "1000")).isZero();
        assertThat(parsed.get().flink()).isEqualTo(BenchOptions.Flink.ONLY);
        assertThat(parsed.get().command()).isEqualTo("./vitalstorm bench --only-flink --sizes 1000");
    }

    @Test
    void noFlinkAndOnlyFlinkTogetherIsAUsageError() {
        parsed.set(null);
        assertThat(run("--no-flink", "--only-flink")).isEqualTo(64);
        assertThat(parsed.get()).isNull();
    }
}
