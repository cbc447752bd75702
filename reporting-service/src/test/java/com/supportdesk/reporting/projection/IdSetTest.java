package com.supportdesk.reporting.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rebuild's set of ids met: exact for UUIDs and for any other id, through its growth. */
class IdSetTest {
    @Test
    void everyIdIsMetOnceWhateverItsForm() {
        IdSet set = new IdSet();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        ids.add("not-a-uuid");
        ids.add("00000000-0000-0000-0000-000000000000");
        ids.add("ABCDEF00-0000-4000-8000-000000000001");
        for (String id : ids) {
            assertThat(set.contains(id)).isFalse();
            assertThat(set.add(id)).isTrue();
        }
        for (String id : ids) {
            assertThat(set.contains(id)).as(id).isTrue();
            assertThat(set.add(id)).as(id).isFalse();
        }
        assertThat(set.size()).isEqualTo(ids.size());
        assertThat(set.contains(UUID.randomUUID().toString())).isFalse();
        assertThat(set.contains("another")).isFalse();
    }
}
