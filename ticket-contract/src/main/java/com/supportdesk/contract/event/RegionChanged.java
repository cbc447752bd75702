package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.SupportLanguage;
import java.time.Instant;
import java.util.List;

@Description(
        "A support region was created, changed or deleted: the calendar whose business hours its accounts are served in, and the languages support speaks there. Key: region:<id>.")
public record RegionChanged(
        @Description("Region id, upper-case letters, digits and underscores (e.g. EUROPE, JAPAN).")
        String regionId,

        int version,
        boolean deleted,

        @OptionalField @Description("Calendar id; absent when deleted.")
        String calendar,

        @OptionalField List<SupportLanguage> languages,
        List<String> changes,
        String changedBy,
        Instant at) {}
