package com.supportdesk.reporting.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The monthly service level report of one account (docs/domain.md): tickets by severity, response attainment against the
 * 90 % objective, resolution attainment, median and 90th percentile response time in business hours, availability per
 * application after planned maintenance, unplanned outage minutes (also those outside support hours). Pure: computed
 * from the rows given, so a test can recompute it from raw events.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonthlyReport(
        String accountId,
        String accountName,
        YearMonth month,
        String zone,
        Instant from,
        Instant to,
        int ticketsOpened,
        List<SeverityLine> severities,
        List<ApplicationLine> applications,
        int nonStandardTickets,
        List<NonStandardLine> nonStandard) {

    public static final int RESPONSE_OBJECTIVE_PERCENT = 90;

    /** One ticket as the report sees it. */
    public record TicketFacts(
            String severity,
            Instant openedAt,
            String responseOutcome,
            Long responseBusinessSeconds,
            String resolutionOutcome,
            String reference,
            String title,
            String kind,
            String application,
            boolean nonStandard,
            String scopeReason) {

        /** A ticket within the standard scope, of which only the service levels matter. */
        public TicketFacts(
                String severity,
                Instant openedAt,
                String responseOutcome,
                Long responseBusinessSeconds,
                String resolutionOutcome) {
            this(
                    severity,
                    openedAt,
                    responseOutcome,
                    responseBusinessSeconds,
                    resolutionOutcome,
                    null,
                    null,
                    null,
                    null,
                    false,
                    null);
        }
    }

    /** A ticket of the month outside the contract's standard scope (billable on request). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NonStandardLine(
            String reference,
            String title,
            String kind,
            String application,
            String severity,
            Instant openedAt,
            String reason) {}

    /** One outage or maintenance window of an application. */
    public record OutageFacts(String application, boolean planned, Instant startedAt, Instant endedAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SeverityLine(
            String severity,
            int opened,
            int responseMeasured,
            int respondedInTime,
            BigDecimal responsePercent,
            int responseObjectivePercent,
            Boolean objectiveMet,
            BigDecimal responseMedianHours,
            BigDecimal responseP90Hours,
            int resolutionMeasured,
            int resolvedInTime,
            BigDecimal resolutionPercent) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicationLine(
            String application,
            long monthMinutes,
            long plannedMaintenanceMinutes,
            long unplannedOutageMinutes,
            int unplannedOutages,
            BigDecimal availabilityPercent) {}

    public static MonthlyReport compute(
            String accountId,
            String accountName,
            YearMonth month,
            ZoneId zone,
            List<TicketFacts> tickets,
            List<String> applications,
            List<OutageFacts> outages,
            Instant now) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Map<String, List<TicketFacts>> bySeverity = new TreeMap<>();
        for (String s : List.of("SEV1", "SEV2", "SEV3", "SEV4")) {
            bySeverity.put(s, new ArrayList<>());
        }
        int opened = 0;
        List<NonStandardLine> nonStandard = new ArrayList<>();
        for (TicketFacts t : tickets) {
            if (t.openedAt() != null
                    && !t.openedAt().isBefore(from)
                    && t.openedAt().isBefore(to)) {
                bySeverity.computeIfAbsent(t.severity(), k -> new ArrayList<>()).add(t);
                opened++;
                if (t.nonStandard()) {
                    nonStandard.add(new NonStandardLine(
                            t.reference(),
                            t.title(),
                            t.kind(),
                            t.application(),
                            t.severity(),
                            t.openedAt(),
                            t.scopeReason()));
                }
            }
        }
        nonStandard.sort(Comparator.comparing(NonStandardLine::openedAt));
        List<SeverityLine> lines = new ArrayList<>();
        bySeverity.forEach((severity, list) -> lines.add(severityLine(severity, list)));

        TreeSet<String> apps = new TreeSet<>(applications);
        outages.forEach(o -> apps.add(o.application()));
        long monthMinutes = Duration.between(from, to).toMinutes();
        List<ApplicationLine> appLines = new ArrayList<>();
        for (String app : apps) {
            long planned = 0;
            long unplanned = 0;
            int count = 0;
            for (OutageFacts o : outages) {
                if (!o.application().equals(app)) {
                    continue;
                }
                long minutes = overlapMinutes(o.startedAt(), o.endedAt() == null ? now : o.endedAt(), from, to);
                if (o.planned()) {
                    planned += minutes;
                } else if (minutes > 0) {
                    unplanned += minutes;
                    count++;
                }
            }
            long base = monthMinutes - planned;
            BigDecimal availability = base <= 0 ? null : percent(base - Math.min(unplanned, base), base, 3);
            appLines.add(new ApplicationLine(app, monthMinutes, planned, unplanned, count, availability));
        }
        return new MonthlyReport(
                accountId,
                accountName,
                month,
                zone.getId(),
                from,
                to,
                opened,
                lines,
                appLines,
                nonStandard.size(),
                List.copyOf(nonStandard));
    }

    static SeverityLine severityLine(String severity, List<TicketFacts> list) {
        List<TicketFacts> responded =
                list.stream().filter(t -> t.responseOutcome() != null).toList();
        int inTime = (int) responded.stream()
                .filter(t -> "MET".equals(t.responseOutcome()))
                .count();
        List<TicketFacts> resolved =
                list.stream().filter(t -> t.resolutionOutcome() != null).toList();
        int resolvedInTime = (int) resolved.stream()
                .filter(t -> "MET".equals(t.resolutionOutcome()))
                .count();
        List<Long> times = responded.stream()
                .map(TicketFacts::responseBusinessSeconds)
                .filter(java.util.Objects::nonNull)
                .sorted(Comparator.naturalOrder())
                .toList();
        BigDecimal responsePercent = responded.isEmpty() ? null : percent(inTime, responded.size(), 1);
        return new SeverityLine(
                severity,
                list.size(),
                responded.size(),
                inTime,
                responsePercent,
                RESPONSE_OBJECTIVE_PERCENT,
                responsePercent == null
                        ? null
                        : responsePercent.compareTo(BigDecimal.valueOf(RESPONSE_OBJECTIVE_PERCENT)) >= 0,
                hours(nearestRank(times, 50)),
                hours(nearestRank(times, 90)),
                resolved.size(),
                resolvedInTime,
                resolved.isEmpty() ? null : percent(resolvedInTime, resolved.size(), 1));
    }

    /** The nearest-rank percentile (the smallest value with at least p % of the values at or below it). */
    static Long nearestRank(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static BigDecimal hours(Long seconds) {
        return seconds == null
                ? null
                : BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
    }

    static BigDecimal percent(long part, long whole, int scale) {
        return BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), scale, RoundingMode.HALF_UP);
    }

    static long overlapMinutes(Instant start, Instant end, Instant from, Instant to) {
        Instant s = start.isAfter(from) ? start : from;
        Instant e = end.isBefore(to) ? end : to;
        return e.isAfter(s) ? Duration.between(s, e).toMinutes() : 0;
    }

    /** The report as CSV: one section per table, a header row each. */
    public String csv() {
        StringBuilder b = new StringBuilder();
        b.append("account,month,zone,tickets_opened,non_standard_tickets\n");
        b.append(cell(accountId))
                .append(',')
                .append(month)
                .append(',')
                .append(zone)
                .append(',')
                .append(ticketsOpened)
                .append(',')
                .append(nonStandardTickets)
                .append("\n\n");
        b.append("severity,opened,response_measured,responded_in_time,response_percent,objective_percent,"
                + "objective_met,response_median_business_hours,response_p90_business_hours,resolution_measured,"
                + "resolved_in_time,resolution_percent\n");
        for (SeverityLine l : severities) {
            b.append(l.severity())
                    .append(',')
                    .append(l.opened())
                    .append(',')
                    .append(l.responseMeasured())
                    .append(',')
                    .append(l.respondedInTime())
                    .append(',')
                    .append(n(l.responsePercent()))
                    .append(',')
                    .append(l.responseObjectivePercent())
                    .append(',')
                    .append(n(l.objectiveMet()))
                    .append(',')
                    .append(n(l.responseMedianHours()))
                    .append(',')
                    .append(n(l.responseP90Hours()))
                    .append(',')
                    .append(l.resolutionMeasured())
                    .append(',')
                    .append(l.resolvedInTime())
                    .append(',')
                    .append(n(l.resolutionPercent()))
                    .append('\n');
        }
        b.append("\napplication,month_minutes,planned_maintenance_minutes,unplanned_outage_minutes,unplanned_outages,"
                + "availability_percent\n");
        for (ApplicationLine a : applications) {
            b.append(cell(a.application()))
                    .append(',')
                    .append(a.monthMinutes())
                    .append(',')
                    .append(a.plannedMaintenanceMinutes())
                    .append(',')
                    .append(a.unplannedOutageMinutes())
                    .append(',')
                    .append(a.unplannedOutages())
                    .append(',')
                    .append(n(a.availabilityPercent()))
                    .append('\n');
        }
        b.append("\nnon_standard_reference,title,kind,application,severity,opened_at,reason\n");
        for (NonStandardLine l : nonStandard) {
            b.append(cell(l.reference()))
                    .append(',')
                    .append(cell(l.title()))
                    .append(',')
                    .append(n(l.kind()))
                    .append(',')
                    .append(cell(l.application()))
                    .append(',')
                    .append(n(l.severity()))
                    .append(',')
                    .append(l.openedAt())
                    .append(',')
                    .append(cell(l.reason()))
                    .append('\n');
        }
        return b.toString();
    }

    private static String n(Object o) {
        return o == null ? "" : o instanceof BigDecimal d ? d.toPlainString() : o.toString();
    }

    private static String cell(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
