package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.ReportApplicationFigures;
import com.supportdesk.contract.model.ReportSeverityFigures;
import java.time.Instant;
import java.util.List;

@Description(
        "reporting-service issued an account's monthly service level report for delivery to its designated contacts: on the scheduled business day after month end (issue 0), or again when operations asked (issue 1, 2, ...: a resend). Key: the account id.")
public record ReportIssued(
        String accountId,

        @Description("The month reported on, yyyy-MM, in the account's time zone.")
        String month,

        @Description("0: the scheduled delivery; 1, 2, ...: resends, in order. (accountId, month, issue) is unique.")
        int issue,

        @Description("true for a resend asked for by operations.")
        boolean resend,

        @OptionalField @Description("User id of who asked for it; absent for the schedule.")
        String requestedBy,

        @Description("Time zone the month runs in.") String zone,
        String accountName,
        int ticketsOpened,

        @Description("Tickets of the month outside the contract's standard scope.")
        int nonStandardTickets,

        List<ReportSeverityFigures> severities,
        List<ReportApplicationFigures> applications,

        @Description("The whole report as CSV (the e-mail's attachment), one section per table.")
        String csv,

        Instant at) {}
