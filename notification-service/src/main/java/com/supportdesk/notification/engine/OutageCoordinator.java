package com.supportdesk.notification.engine;

import com.supportdesk.calendar.BusinessCalendar;
import com.supportdesk.contract.event.MaintenanceCancelled;
import com.supportdesk.contract.event.MaintenanceNoticeJudged;
import com.supportdesk.contract.event.MaintenanceScheduled;
import com.supportdesk.contract.event.OutageDeclared;
import com.supportdesk.contract.event.OutageEnded;
import com.supportdesk.contract.event.OutageEvent;
import com.supportdesk.contract.event.OutageNoticeDecided;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.model.OutageNoticeVerdict;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.notification.mail.Labels;
import com.supportdesk.notification.rules.MaintenanceNoticeRule;
import com.supportdesk.notification.rules.OutageNoticeRule;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.OutageRow;
import com.supportdesk.notification.store.NotificationStore.Waiting;
import com.supportdesk.support.Received;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Outages and maintenance windows: who they concern (the listed accounts, or every user of the application, also
 * those who become known later), the unplanned-outage notice rule per account ({@link OutageNoticeRule}: wait, notify,
 * record only, or nothing), the maintenance notice with its business days of notice ({@link MaintenanceNoticeRule}),
 * and their webhooks.
 */
final class OutageCoordinator {
    private static final Logger LOG = Logger.getLogger(OutageCoordinator.class);

    private final EmailQueue emails;
    private final AccountCalendars calendars;

    OutageCoordinator(EmailQueue emails, AccountCalendars calendars) {
        this.emails = emails;
        this.calendars = calendars;
    }

    /** An outage or maintenance event: its webhooks, and the notice rule for each account it concerns. */
    void handle(Connection c, CloudEvent e, Received raw, Instant now) throws SQLException {
        OutageEvent event = (OutageEvent) e.data();
        Step step = event.accept(new OutageEvent.Visitor<Step>() {
            @Override
            public Step on(OutageDeclared d) {
                return () -> declared(c, e, raw, d, now);
            }

            @Override
            public Step on(OutageEnded end) {
                return () -> ended(c, e, raw, end, now);
            }

            @Override
            public Step on(MaintenanceScheduled m) {
                return () -> scheduled(c, e, raw, m, now);
            }

            @Override
            public Step on(MaintenanceCancelled m) {
                return () -> toSubscribersOf(c, e, raw, m, now); // the notice rules have nothing to say
            }
        });
        step.run();
    }

    /** What an event calls for, run after the dispatch so that it may throw the store's exceptions. */
    private interface Step {
        void run() throws SQLException;
    }

    private void declared(Connection c, CloudEvent e, Received raw, OutageDeclared d, Instant now) throws SQLException {
        NotificationStore.lockAccount(c, "application:" + d.application()); // against a user of it arriving now
        if (d.affectedAccounts() == null || d.affectedAccounts().isEmpty()) {
            NotificationStore.saveScope(c, d.outageId(), d.application(), d.startedAt(), null);
        }
        List<String> accounts = affected(c, d.affectedAccounts(), d.application());
        WebhookFanOut.queue(c, e, raw, accounts, now);
        for (String accountId : accounts) {
            OutageRow row = new OutageRow(
                    d.outageId(),
                    accountId,
                    d.application(),
                    d.startedAt(),
                    null,
                    OutageNoticeRule.checkAt(d.startedAt(), null).orElse(null),
                    null,
                    null,
                    null);
            NotificationStore.saveOutage(c, row);
            judge(c, row, now);
        }
    }

    private void ended(Connection c, CloudEvent e, Received raw, OutageEnded end, Instant now) throws SQLException {
        if (end.affectedAccounts() == null || end.affectedAccounts().isEmpty()) {
            NotificationStore.saveScope(c, end.outageId(), end.application(), end.startedAt(), end.endedAt());
        }
        List<OutageRow> rows = NotificationStore.outages(c, end.outageId());
        List<String> accounts = rows.isEmpty()
                ? affected(c, end.affectedAccounts(), end.application())
                : rows.stream().map(OutageRow::accountId).toList();
        WebhookFanOut.queue(c, e, raw, accounts, now);
        if (rows.isEmpty()) {
            rows = accounts.stream()
                    .map(a -> new OutageRow(
                            end.outageId(), a, end.application(), end.startedAt(), null, null, null, null, null))
                    .toList();
        }
        for (OutageRow row : rows) {
            OutageRow ended = new OutageRow(
                    row.outageId(),
                    row.accountId(),
                    row.application(),
                    row.startedAt(),
                    end.endedAt(),
                    row.verdict() == null ? end.endedAt() : null,
                    row.verdict(),
                    row.reason(),
                    row.decidedAt());
            NotificationStore.saveOutage(c, ended);
            if (ended.verdict() == null) {
                judge(c, ended, now);
            }
        }
    }

    private void scheduled(Connection c, CloudEvent e, Received raw, MaintenanceScheduled m, Instant now)
            throws SQLException {
        NotificationStore.lockAccount(c, "application:" + m.application()); // against a user of it arriving now
        if (m.affectedAccounts() == null || m.affectedAccounts().isEmpty()) {
            NotificationStore.saveMaintenanceScope(c, e.id(), m.application(), raw.headers(), raw.body());
        }
        List<String> accounts = affected(c, m.affectedAccounts(), m.application());
        WebhookFanOut.queue(c, e, raw, accounts, now);
        for (String accountId : accounts) {
            maintenance(c, e, m, accountId, now);
        }
    }

    /** The webhooks of the accounts the outage was told to. */
    private void toSubscribersOf(Connection c, CloudEvent e, Received raw, OutageEvent o, Instant now)
            throws SQLException {
        WebhookFanOut.queue(
                c,
                e,
                raw,
                NotificationStore.outages(c, o.outageId()).stream()
                        .map(OutageRow::accountId)
                        .toList(),
                now);
    }

    /**
     * A newly known (or changed) account: outages declared, and maintenance announced, for every user of an
     * application it uses before it was known reach it now.
     */
    void accountArrived(Connection c, String accountId, AccountProfile profile, boolean firstSeen, Instant now)
            throws SQLException {
        // outages declared for every account using an application this account uses, before it was known
        List<String> apps = profile.applications() == null
                ? List.of()
                : profile.applications().stream().sorted().distinct().toList();
        for (String app : apps) {
            NotificationStore.lockAccount(c, "application:" + app);
        }
        for (OutageRow missed : NotificationStore.scopesMissing(c, accountId, profile.applications())) {
            OutageRow row = new OutageRow(
                    missed.outageId(),
                    accountId,
                    missed.application(),
                    missed.startedAt(),
                    missed.endedAt(),
                    OutageNoticeRule.checkAt(missed.startedAt(), missed.endedAt())
                            .orElse(missed.endedAt()),
                    null,
                    null,
                    null);
            NotificationStore.saveOutage(c, row);
            judge(c, row, now);
        }
        if (firstSeen) { // maintenance announced to every user of an application before this account was known
            for (Waiting w : NotificationStore.maintenanceScopes(c, accountId, apps)) {
                CloudEvent announced = CloudEventCodec.decode(w.headers(), w.body());
                maintenance(c, announced, (MaintenanceScheduled) announced.data(), accountId, now);
            }
        }
    }

    private List<String> affected(Connection c, List<String> listed, String application) throws SQLException {
        return listed != null && !listed.isEmpty() ? listed : NotificationStore.accountsUsing(c, application);
    }

    /** The unplanned-outage rule for one account: wait, notify, record only, or nothing (too short). */
    void judge(Connection c, OutageRow row, Instant now) throws SQLException {
        Optional<AccountProfile> account = NotificationStore.account(c, row.accountId());
        BusinessCalendar hours = calendars.of(account.orElse(null));
        OutageNoticeRule.Verdict verdict = OutageNoticeRule.judge(row.startedAt(), row.endedAt(), now, hours);
        if (verdict == OutageNoticeRule.Verdict.NOT_YET) {
            NotificationStore.saveOutage(
                    c,
                    new OutageRow(
                            row.outageId(),
                            row.accountId(),
                            row.application(),
                            row.startedAt(),
                            row.endedAt(),
                            OutageNoticeRule.checkAt(row.startedAt(), row.endedAt())
                                    .orElse(null),
                            null,
                            null,
                            null));
            return;
        }
        OutageNoticeVerdict decided;
        String reason;
        int recipients = 0;
        switch (verdict) {
            case NOTIFY -> {
                decided = OutageNoticeVerdict.NOTIFIED;
                Duration late = Duration.between(row.startedAt().plus(OutageNoticeRule.DEADLINE), now);
                reason = "more than 30 minutes, started in support hours (" + hours.id() + ")"
                        + (late.isNegative()
                                ? ""
                                : "; notice sent " + late.toMinutes() + " min after the 1-hour limit");
                if (account.isPresent()) {
                    Set<String> to = Recipients.outageAudience(account.get());
                    SupportLanguage lang = account.get().language();
                    Map<String, String> d = new HashMap<>();
                    d.put("account", nz(account.get().name()));
                    d.put("application", row.application());
                    d.put("start", calendars.local(row.startedAt(), account.get()));
                    d.put(
                            "detail",
                            row.endedAt() == null
                                    ? Labels.word(lang, "ONGOING")
                                    : Labels.word(lang, "ENDED", calendars.local(row.endedAt(), account.get())));
                    recipients = emails.queue(
                            DeliverySink.NOW,
                            c,
                            "outage-notice/" + row.outageId(),
                            Catalog.of(OutageDeclared.class).type(),
                            row.accountId(),
                            row.outageId(),
                            account.get(),
                            NotificationKind.OUTAGE,
                            d,
                            to,
                            now);
                } else {
                    reason += "; but account " + row.accountId() + " is unknown: nobody to tell";
                }
            }
            case RECORD_ONLY_OUTSIDE_HOURS -> {
                decided = OutageNoticeVerdict.RECORDED_OUTSIDE_SUPPORT_HOURS;
                reason = "more than 30 minutes, but started outside support hours (" + hours.id()
                        + "): recorded for the monthly report, nothing sent";
            }
            default -> {
                decided = OutageNoticeVerdict.TOO_SHORT;
                reason = "ended within 30 minutes: nothing to send";
            }
        }
        LOG.infof("Outage %s for %s: %s (%s)", row.outageId(), row.accountId(), decided, reason);
        NotificationStore.saveOutage(
                c,
                new OutageRow(
                        row.outageId(),
                        row.accountId(),
                        row.application(),
                        row.startedAt(),
                        row.endedAt(),
                        null,
                        decided,
                        reason,
                        now));
        Outcomes.publish(
                c,
                "outage-notice/" + row.outageId() + "/" + row.accountId(),
                row.outageId(),
                row.accountId(),
                new OutageNoticeDecided(
                        row.outageId(),
                        row.accountId(),
                        row.application(),
                        row.startedAt(),
                        row.endedAt(),
                        decided,
                        recipients,
                        reason,
                        now),
                now);
    }

    private void maintenance(Connection c, CloudEvent e, MaintenanceScheduled m, String accountId, Instant now)
            throws SQLException {
        Optional<AccountProfile> account = NotificationStore.account(c, accountId);
        if (account.isEmpty()) {
            Outcomes.failed(
                    c,
                    e,
                    accountId,
                    NotificationChannel.EMAIL,
                    NotificationKind.MAINTENANCE,
                    "account " + accountId + " is unknown: no maintenance notice",
                    now);
            return;
        }
        AccountProfile a = account.get();
        MaintenanceNoticeRule.Notice notice =
                MaintenanceNoticeRule.judge(m.at(), m.windowStart(), m.emergency(), calendars.of(a));
        if (!notice.sufficient()) {
            LOG.warnf(
                    "Maintenance %s announced to %s with %d business days of notice (%d required): flagged",
                    m.outageId(), accountId, notice.businessDays(), MaintenanceNoticeRule.NOTICE_BUSINESS_DAYS);
        }
        Set<String> to = Recipients.outageAudience(a);
        Map<String, String> d = new HashMap<>();
        d.put("account", nz(a.name()));
        d.put("application", m.application());
        d.put("start", calendars.local(m.windowStart(), a));
        d.put("end", calendars.local(m.windowEnd(), a));
        d.put(
                "detail",
                notice.emergency()
                        ? Labels.word(a.language(), "EMERGENCY")
                        : notice.sufficient() ? "" : Labels.word(a.language(), "SHORT_NOTICE"));
        int recipients = emails.queue(
                DeliverySink.NOW,
                c,
                e.id(),
                e.type(),
                accountId,
                m.outageId(),
                a,
                NotificationKind.MAINTENANCE,
                d,
                to,
                now);
        Outcomes.publish(
                c,
                "maintenance-notice/" + e.id() + "/" + accountId,
                m.outageId(),
                accountId,
                new MaintenanceNoticeJudged(
                        m.outageId(),
                        accountId,
                        m.application(),
                        m.windowStart(),
                        m.windowEnd(),
                        notice.businessDays(),
                        MaintenanceNoticeRule.NOTICE_BUSINESS_DAYS,
                        notice.sufficient(),
                        notice.emergency(),
                        recipients,
                        now),
                now);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
