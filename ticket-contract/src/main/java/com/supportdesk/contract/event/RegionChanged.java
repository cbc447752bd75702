package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.Pattern;
import com.supportdesk.contract.model.Region;
import com.supportdesk.contract.model.SupportLanguage;
import java.time.Instant;
import java.util.List;

@Description(
        "A support region was created, changed or deleted: the calendar whose business hours its accounts are served in, and the languages support speaks there. Key: region:<id>.")
public record RegionChanged(
        @Description("Region id, upper-case letters, digits and underscores (e.g. EUROPE, JAPAN).")
        @Pattern(Region.ID_PATTERN)
        @MaxLength(Region.ID_MAX_LENGTH)
        String regionId,

        int version,
        boolean deleted,

        @OptionalField @Description("Display name; absent when deleted.") @MaxLength(200)
        String name,

        @OptionalField
        @Description("Calendar id of the region's support hours; absent when deleted. A policy's calendar template "
                + "tiered-{region} reads tiered-<calendar> when that calendar exists, else this one.")
        String calendar,

        @OptionalField @Description("Languages support speaks in the region; absent when deleted.")
        List<SupportLanguage> languages,

        List<String> changes,
        String changedBy,
        Instant at) {}
