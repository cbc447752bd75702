package com.supportdesk.notification.rules;

import static com.supportdesk.notification.rules.OutageNoticeRule.Verdict.NOTIFY;
import static com.supportdesk.notification.rules.OutageNoticeRule.Verdict.NOT_YET;
import static com.supportdesk.notification.rules.OutageNoticeRule.Verdict.RECORD_ONLY_OUTSIDE_HOURS;
import static com.supportdesk.notification.rules.OutageNoticeRule.Verdict.TOO_SHORT;
import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.calendar.Calendars;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Outage and maintenance notice rules on the Europe calendar (Mon-Fri 07:00-17:00 Brussels), by hand. */
class NoticeRulesTest {
    static final BusinessCalendar EUROPE = Calendars.shipped().get("europe");

    static Instant brussels(String t) {
        return LocalDateTime.parse(t).atZone(ZoneId.of("Europe/Brussels")).toInstant();
    }

    @Test
    void aFortyFiveMinuteOutageDuringSupportHoursIsNotifiedOnceItPassesThirtyMinutes() {
        Instant start = brussels("2026-04-01T10:00");
        assertThat(OutageNoticeRule.judge(start, null, brussels("2026-04-01T10:30"), EUROPE))
                .isEqualTo(NOT_YET);
        assertThat(OutageNoticeRule.judge(start, null, brussels("2026-04-01T10:31"), EUROPE))
                .isEqualTo(NOTIFY);
        assertThat(OutageNoticeRule.judge(start, brussels("2026-04-01T10:45"), brussels("2026-04-01T11:00"), EUROPE))
                .isEqualTo(NOTIFY);
        assertThat(OutageNoticeRule.checkAt(start, null))
                .contains(start.plusSeconds(1800).plusMillis(1));
    }

    @Test
    void outsideSupportHoursNothingIsSentButItIsRecorded() {
        // Saturday, and a weekday night, and Easter Monday
        for (String t : new String[] {"2026-04-04T10:00", "2026-04-01T22:00", "2026-04-06T10:00"}) {
            Instant start = brussels(t);
            assertThat(OutageNoticeRule.judge(start, start.plusSeconds(45 * 60), start.plusSeconds(3600), EUROPE))
                    .as(t)
                    .isEqualTo(RECORD_ONLY_OUTSIDE_HOURS);
        }
    }

    @Test
    void anOutageOfThirtyMinutesOrLessSendsNothing() {
        Instant start = brussels("2026-04-01T10:00");
        assertThat(OutageNoticeRule.judge(start, start.plusSeconds(1800), start.plusSeconds(3600), EUROPE))
                .isEqualTo(TOO_SHORT);
    }

    @Test
    void maintenanceNeedsTenBusinessDaysOfNotice() {
        // announced Monday 30 March for Monday 13 April: Easter Monday (6 April) is a holiday -> 9 business days
        var late =
                MaintenanceNoticeRule.judge(brussels("2026-03-30T09:00"), brussels("2026-04-13T20:00"), false, EUROPE);
        assertThat(late.businessDays()).isEqualTo(9);
        assertThat(late.sufficient()).isFalse();
        var ok = MaintenanceNoticeRule.judge(brussels("2026-03-30T09:00"), brussels("2026-04-14T20:00"), false, EUROPE);
        assertThat(ok.businessDays()).isEqualTo(10);
        assertThat(ok.sufficient()).isTrue();
        var emergency =
                MaintenanceNoticeRule.judge(brussels("2026-04-01T09:00"), brussels("2026-04-01T20:00"), true, EUROPE);
        assertThat(emergency.sufficient()).isTrue();
        assertThat(emergency.emergency()).isTrue();
    }
}
