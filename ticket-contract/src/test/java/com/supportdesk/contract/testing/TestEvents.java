package com.supportdesk.contract.testing;

import com.supportdesk.contract.event.AccountRegistered;
import com.supportdesk.contract.event.SlaBreached;
import com.supportdesk.contract.event.TicketAcknowledged;
import com.supportdesk.contract.event.TicketClosed;
import com.supportdesk.contract.event.TicketOpened;
import com.supportdesk.contract.event.TicketResolved;
import com.supportdesk.contract.model.AccountProfile;
import com.supportdesk.contract.model.ClockKind;
import com.supportdesk.contract.model.ClosureReason;
import com.supportdesk.contract.model.Contact;
import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.ResolutionKind;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.model.SupportLevel;
import com.supportdesk.contract.model.TicketKind;
import com.supportdesk.contract.model.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Events for tests, with defaults for everything a test does not care about: a test names what matters to it
 * ({@code opened("t1", "acc").severity(SEV1).at(t).build()}) instead of spelling out a 15-argument record. Shipped to
 * the services' tests as ticket-contract's test-jar.
 */
public final class TestEvents {
    /** The default time of an event: a Monday morning in business hours in every region. */
    public static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    private TestEvents() {}

    public static Opened opened(String ticketId, String accountId) {
        return new Opened(ticketId, accountId);
    }

    public static TicketAcknowledged acknowledged(TicketOpened opened, String by, Instant at) {
        return new TicketAcknowledged(
                opened.ticketId(), opened.accountId(), opened.severity(), null, opened.at(), by, at);
    }

    public static TicketResolved resolved(TicketOpened opened, String by, Instant at) {
        return new TicketResolved(
                opened.ticketId(), opened.accountId(), ResolutionKind.FIXED, "fixed", opened.severity(), by, at);
    }

    public static TicketClosed closed(TicketOpened opened, String by, Instant at) {
        return new TicketClosed(opened.ticketId(), opened.accountId(), ClosureReason.CONFIRMED_BY_CUSTOMER, by, at);
    }

    /** A breach of {@code clock} at its deadline, on the standard policy and the account's region calendar. */
    public static SlaBreached breached(TicketOpened opened, ClockKind clock, Duration target, Instant deadline) {
        return new SlaBreached(
                opened.ticketId(),
                opened.accountId(),
                clock,
                "standard",
                "europe",
                opened.severity(),
                target,
                target,
                deadline,
                deadline);
    }

    public static Account account(String accountId) {
        return new Account(accountId);
    }

    /** A {@link TicketOpened}: an L1 incident of severity 3, standard impact, opened by {@code ann} at {@link #AT}. */
    public static final class Opened {
        private final String ticketId;
        private final String accountId;
        private String reference = "TKT-000001";
        private TicketKind kind = TicketKind.INCIDENT;
        private Severity severity = Severity.SEV3;
        private Impact impact = Impact.STANDARD;
        private Urgency urgency;
        private Boolean priority;
        private SupportLevel level = SupportLevel.L1;
        private String title = "Slow checkout";
        private String description = "Pages take 20 s";
        private String application;
        private String relatedTicketId;
        private String by = "ann";
        private Instant at = AT;
        private String reporterEmail;

        private Opened(String ticketId, String accountId) {
            this.ticketId = ticketId;
            this.accountId = accountId;
        }

        public Opened reference(String reference) {
            this.reference = reference;
            return this;
        }

        public Opened kind(TicketKind kind) {
            this.kind = kind;
            return this;
        }

        /** The severity; a Sev 1 or Sev 2 ticket is a priority ticket unless {@link #priority} says otherwise. */
        public Opened severity(Severity severity) {
            this.severity = severity;
            return this;
        }

        public Opened impact(Impact impact) {
            this.impact = impact;
            return this;
        }

        public Opened urgency(Urgency urgency) {
            this.urgency = urgency;
            return this;
        }

        public Opened priority(boolean priority) {
            this.priority = priority;
            return this;
        }

        public Opened level(SupportLevel level) {
            this.level = level;
            return this;
        }

        public Opened title(String title) {
            this.title = title;
            return this;
        }

        public Opened description(String description) {
            this.description = description;
            return this;
        }

        public Opened application(String application) {
            this.application = application;
            return this;
        }

        public Opened relatedTicketId(String relatedTicketId) {
            this.relatedTicketId = relatedTicketId;
            return this;
        }

        public Opened by(String by) {
            this.by = by;
            return this;
        }

        public Opened at(Instant at) {
            this.at = at;
            return this;
        }

        public Opened reporterEmail(String reporterEmail) {
            this.reporterEmail = reporterEmail;
            return this;
        }

        public TicketOpened build() {
            boolean p = priority != null ? priority : severity == Severity.SEV1 || severity == Severity.SEV2;
            return new TicketOpened(
                    ticketId,
                    accountId,
                    reference,
                    kind,
                    severity,
                    impact,
                    urgency,
                    p,
                    level,
                    title,
                    description,
                    application,
                    relatedTicketId,
                    by,
                    at,
                    reporterEmail);
        }
    }

    /**
     * An account: a European account in English on the standard plan, with designated contacts Ann (primary) and Bob
     * (backup) and strategic account manager Sam, all at {@code <name>.<account>@client.example}.
     */
    public static final class Account {
        private final String accountId;
        private String name;
        private String region = "EUROPE";
        private SupportLanguage language = SupportLanguage.EN;
        private String plan = "standard";
        private List<String> outageList = List.of();
        private List<String> applications = List.of();
        private boolean priorityHandlingRevoked;

        private Account(String accountId) {
            this.accountId = accountId;
            this.name = "Client " + accountId;
        }

        public Account name(String name) {
            this.name = name;
            return this;
        }

        public Account region(String region) {
            this.region = region;
            return this;
        }

        public Account language(SupportLanguage language) {
            this.language = language;
            return this;
        }

        public Account plan(String plan) {
            this.plan = plan;
            return this;
        }

        public Account outageNotificationList(String... addresses) {
            this.outageList = List.of(addresses);
            return this;
        }

        public Account applications(String... applications) {
            this.applications = List.of(applications);
            return this;
        }

        public Account priorityHandlingRevoked(boolean revoked) {
            this.priorityHandlingRevoked = revoked;
            return this;
        }

        /** The address the builder gives {@code who} ("ann", "bob", "sam"). */
        public String address(String who) {
            return who + "." + accountId + "@client.example";
        }

        public AccountProfile profile() {
            return new AccountProfile(
                    name,
                    region,
                    language,
                    plan,
                    contact("ann", "Ann"),
                    contact("bob", "Bob"),
                    contact("sam", "Sam"),
                    outageList,
                    applications,
                    priorityHandlingRevoked);
        }

        public AccountRegistered registered(Instant at) {
            return new AccountRegistered(accountId, profile(), "admin", at);
        }

        private Contact contact(String who, String displayName) {
            return new Contact(who + "-" + accountId, displayName, address(who), null);
        }
    }
}
