package io.vitalstorm.core.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StringPoolTest {

    @Test
    void equalValuesShareOneInstanceUpToTheBound() {
        StringPool pool = new StringPool(2);
        String a = pool.shared(new String("Ward-1"));
        assertThat(pool.shared(new String("Ward-1"))).isSameAs(a);
        String b = pool.shared(new String("Ward-2"));
        assertThat(pool.shared(new String("Ward-2"))).isSameAs(b);

        String third = new String("Ward-3");
        assertThat(pool.shared(third)).isSameAs(third); // full: kept as given, not pooled
        assertThat(pool.shared(new String("Ward-3"))).isNotSameAs(third);
        assertThat(pool.shared(null)).isNull();
    }
}
