package com.supportdesk.notification.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.event.ClockStarted;
import com.supportdesk.contract.event.SlaMet;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.wire.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which events notification-service skips before the database: those that e-mail nobody and no webhook wants. */
class ConcernsTest {
    private static final String OPENED = Catalog.of(TicketOpened.class).type();
    private static final String CLOCK_STARTED = Catalog.of(ClockStarted.class).type();
    private static final String MET = Catalog.of(SlaMet.class).type();

    @Test
    void eventsThatMayEmailAlwaysConcernIt() {
        assertThat(NotificationProcessor.concerns(OPENED, List.of())).isTrue();
        NotificationProcessor.TOLD.forEach(
                t -> assertThat(NotificationProcessor.concerns(Catalog.of(t).type(), List.of()))
                        .as(t.getName())
                        .isTrue());
    }

    @Test
    void clockEventsConcernItOnlyWhenAWebhookSubscriptionWantsThem() {
        assertThat(NotificationProcessor.concerns(CLOCK_STARTED, List.of())).isFalse();
        assertThat(NotificationProcessor.concerns(MET, List.of(List.of("support.ticket.*"))))
                .isFalse();
        assertThat(NotificationProcessor.concerns(CLOCK_STARTED, List.of(List.of("support.sla.*"))))
                .isTrue();
        assertThat(NotificationProcessor.concerns(MET, List.of(List.of(OPENED), List.of(MET))))
                .isTrue();
        assertThat(NotificationProcessor.concerns(MET, List.of(List.of("*")))).isTrue();
    }

    @Test
    void aRecordWithoutATypeIsLeftToTheDecoderToRefuse() {
        assertThat(NotificationProcessor.concerns(null, List.of())).isTrue();
    }
}
