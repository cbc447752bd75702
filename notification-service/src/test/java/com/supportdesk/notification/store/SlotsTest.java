package com.supportdesk.notification.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The e-mail senders share the recipients' slots: every slot has exactly one sender, whatever their number. */
class SlotsTest {

    @Test
    void everySlotHasExactlyOneSender() {
        for (int senders = 1; senders <= NotificationStore.SLOTS; senders++) {
            List<Integer> served = new ArrayList<>();
            for (int shard = 0; shard < senders; shard++) {
                served.addAll(Arrays.asList(NotificationStore.slots(shard, senders)));
            }
            assertThat(served)
                    .as("%d senders", senders)
                    .hasSize(NotificationStore.SLOTS)
                    .doesNotHaveDuplicates()
                    .allMatch(s -> s >= 0 && s < NotificationStore.SLOTS);
        }
        assertThat(NotificationStore.slots(1, 4))
                .hasSize(16)
                .startsWith(1, 5, 9)
                .endsWith(61);
    }

    @Test
    void moreSendersThanSlotsOrASenderOutOfRangeIsRefused() {
        assertThatThrownBy(() -> NotificationStore.slots(0, NotificationStore.SLOTS + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NotificationStore.slots(4, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NotificationStore.slots(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
