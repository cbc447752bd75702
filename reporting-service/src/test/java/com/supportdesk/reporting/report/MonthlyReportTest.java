package com.supportdesk.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.reporting.report.MonthlyReport.OutageFacts;
import com.supportdesk.reporting.report.MonthlyReport.SeverityLine;
import com.supportdesk.reporting.report.MonthlyReport.TicketFacts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The monthly service level report as a pure function, with figures worked out by hand: the month's bounds in the
 * account's zone, attainment against the 90 % objective, nearest-rank median and 90th percentile in business hours,
 * availability after planned maintenance, an outage still running counted up to now.
 */
class MonthlyReportTest {
    static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    static final YearMonth OCTOBER = YearMonth.of(2026, 10);

    static TicketFacts sev1(String openedAt, String outcome, Long seconds, String resolution) {
        return new TicketFacts("SEV1", Instant.parse(openedAt), outcome, seconds, resolution);
    }

    @Test
    void theMonthRunsFromMidnightToMidnightInTheAccountsZone() {
        MonthlyReport r = MonthlyReport.compute(
                "a",
                "A",
                OCTOBER,
                BRUSSELS,
                List.of(
                        sev1(
                                "2026-09-30T21:59:00Z",
                                null,
                                null,
                                null), // 23:59 on 30 September in Brussels: not October
                        sev1("2026-09-30T22:00:00Z", null, null, null), // midnight, 1 October: the first minute of it
                        sev1("2026-10-31T22:59:00Z", null, null, null)), // 23:59 on 31 October (winter time, UTC+1)
                List.of(),
                List.of(),
                Instant.parse("2026-11-05T00:00:00Z"));

        assertThat(r.from()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
        assertThat(r.to()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(r.ticketsOpened()).isEqualTo(2);
    }

    @Test
    void attainmentAndPercentilesOfTheResponseTimes() {
        // ten measured SEV1 responses, nine in time: 90.0 %, the objective met; one still running is not measured
        List<TicketFacts> tickets = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            tickets.add(sev1(
                    "2026-10-0" + (1 + i % 9) + "T08:00:00Z",
                    i == 10 ? "MISSED" : "MET",
                    i * 360L,
                    i <= 4 ? "MET" : null));
        }
        tickets.add(sev1("2026-10-20T08:00:00Z", null, null, null));

        SeverityLine sev1 = line(
                MonthlyReport.compute(
                        "a",
                        "A",
                        OCTOBER,
                        BRUSSELS,
                        tickets,
                        List.of(),
                        List.of(),
                        Instant.parse("2026-11-05T00:00:00Z")),
                "SEV1");

        assertThat(sev1.opened()).isEqualTo(11);
        assertThat(sev1.responseMeasured()).isEqualTo(10);
        assertThat(sev1.respondedInTime()).isEqualTo(9);
        assertThat(sev1.responsePercent()).isEqualByComparingTo("90.0");
        assertThat(sev1.objectiveMet()).isTrue();
        // 6, 12, ..., 60 minutes: the median is the 5th (30 min), the 90th percentile the 9th (54 min)
        assertThat(sev1.responseMedianHours()).isEqualByComparingTo("0.50");
        assertThat(sev1.responseP90Hours()).isEqualByComparingTo("0.90");
        assertThat(sev1.resolutionMeasured()).isEqualTo(4);
        assertThat(sev1.resolutionPercent()).isEqualByComparingTo("100.0");
    }

    @Test
    void justUnderTheObjectiveIsNotMetAndAnEmptySeverityHasNoFigures() {
        List<TicketFacts> tickets = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            tickets.add(sev1("2026-10-05T08:00:00Z", i < 8 ? "MET" : "MISSED", 600L, null));
        }
        MonthlyReport r = MonthlyReport.compute(
                "a", "A", OCTOBER, BRUSSELS, tickets, List.of(), List.of(), Instant.parse("2026-11-05T00:00:00Z"));

        assertThat(line(r, "SEV1").responsePercent()).isEqualByComparingTo("88.9"); // 8 of 9
        assertThat(line(r, "SEV1").objectiveMet()).isFalse();
        SeverityLine sev4 = line(r, "SEV4");
        assertThat(sev4.opened()).isZero();
        assertThat(sev4.responsePercent()).isNull();
        assertThat(sev4.objectiveMet()).isNull();
        assertThat(sev4.responseMedianHours()).isNull();
    }

    @Test
    void availabilityIsMeasuredAfterPlannedMaintenanceAndARunningOutageCountsUntilNow() {
        // October 2026 in Brussels has 31 days and one extra hour (the clocks go back): 44,700 minutes
        List<OutageFacts> outages = List.of(
                new OutageFacts(
                        "shop", true, Instant.parse("2026-10-10T00:00:00Z"), Instant.parse("2026-10-10T10:00:00Z")),
                new OutageFacts(
                        "shop", false, Instant.parse("2026-10-12T08:00:00Z"), Instant.parse("2026-10-12T09:30:00Z")),
                // began in September: only its October part counts
                new OutageFacts(
                        "shop", false, Instant.parse("2026-09-30T21:00:00Z"), Instant.parse("2026-09-30T22:30:00Z")),
                // still running at "now", the 31st at noon
                new OutageFacts("billing", false, Instant.parse("2026-10-31T11:00:00Z"), null));
        MonthlyReport r = MonthlyReport.compute(
                "a",
                "A",
                OCTOBER,
                BRUSSELS,
                List.of(),
                List.of("shop", "crm"),
                outages,
                Instant.parse("2026-10-31T12:00:00Z"));

        assertThat(r.applications())
                .extracting(MonthlyReport.ApplicationLine::application)
                .containsExactly("billing", "crm", "shop");
        MonthlyReport.ApplicationLine shop = r.applications().get(2);
        assertThat(shop.monthMinutes()).isEqualTo(44_700);
        assertThat(shop.plannedMaintenanceMinutes()).isEqualTo(600);
        assertThat(shop.unplannedOutageMinutes()).isEqualTo(90 + 30);
        assertThat(shop.unplannedOutages()).isEqualTo(2);
        // (44,100 - 120) / 44,100
        assertThat(shop.availabilityPercent()).isEqualByComparingTo(new BigDecimal("99.728"));
        assertThat(r.applications().get(0).unplannedOutageMinutes()).isEqualTo(60);
        assertThat(r.applications().get(1).availabilityPercent()).isEqualByComparingTo("100.000");
    }

    @Test
    void nearestRankPercentiles() {
        assertThat(MonthlyReport.nearestRank(List.of(), 50)).isNull();
        assertThat(MonthlyReport.nearestRank(List.of(7L), 90)).isEqualTo(7L);
        assertThat(MonthlyReport.nearestRank(List.of(1L, 2L, 3L, 4L), 50)).isEqualTo(2L);
        assertThat(MonthlyReport.nearestRank(List.of(1L, 2L, 3L, 4L), 90)).isEqualTo(4L);
    }

    static SeverityLine line(MonthlyReport r, String severity) {
        return r.severities().stream()
                .filter(l -> l.severity().equals(severity))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void nonStandardTicketsOfTheMonthAreCountedAndListedInOrderOfOpening() {
        MonthlyReport r = MonthlyReport.compute(
                "a",
                "A",
                OCTOBER,
                BRUSSELS,
                List.of(
                        new TicketFacts(
                                "SEV4",
                                Instant.parse("2026-10-20T09:00:00Z"),
                                null,
                                null,
                                null,
                                "TKT-2",
                                "Import contacts",
                                "SERVICE_REQUEST",
                                "crm",
                                true,
                                "outside the scope, with a comma"),
                        new TicketFacts(
                                "SEV3",
                                Instant.parse("2026-10-02T09:00:00Z"),
                                null,
                                null,
                                null,
                                "TKT-1",
                                "Training",
                                "SERVICE_REQUEST",
                                null,
                                true,
                                "training is consulting"),
                        new TicketFacts(
                                "SEV3",
                                Instant.parse("2026-10-03T09:00:00Z"),
                                null,
                                null,
                                null,
                                "TKT-3",
                                "Error 500",
                                "INCIDENT",
                                "billing",
                                false,
                                null),
                        new TicketFacts(
                                "SEV4",
                                Instant.parse("2026-09-03T09:00:00Z"),
                                null,
                                null,
                                null,
                                "TKT-0",
                                "September",
                                "SERVICE_REQUEST",
                                null,
                                true,
                                "another month")),
                List.of(),
                List.of(),
                Instant.parse("2026-11-05T00:00:00Z"));

        assertThat(r.nonStandardTickets()).isEqualTo(2);
        assertThat(r.nonStandard())
                .extracting(MonthlyReport.NonStandardLine::reference)
                .containsExactly("TKT-1", "TKT-2");
        assertThat(r.csv())
                .contains("account,month,zone,tickets_opened,non_standard_tickets\na,2026-10,Europe/Brussels,3,2\n")
                .contains(
                        "TKT-2,Import contacts,SERVICE_REQUEST,crm,SEV4,2026-10-20T09:00:00Z,\"outside the scope, with a comma\"\n");
    }
}
