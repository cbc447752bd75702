package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;

/** One named fact of an audited action (what changed, to what). Never a secret. */
public record AuditDetail(
        @Description("What the value is, e.g. url, eventTypes, application.")
        String name,

        @Description("The value as text.") String value) {}
