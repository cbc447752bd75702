package com.supportdesk.contract.model;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.time.Duration;
import java.util.List;

@Description("An SLA policy (the service levels of a support plan), as sla-service's policy files and "
        + "PUT /api/sla/policies/{id} write it.")
public record PolicyDefinition(
        @Description("Policy id: lower-case letters, digits and dashes; an account's supportPlan names it.")
        String id,

        @MaxLength(200) String name,

        @Description("Share of tickets that must meet their targets over a month, in percent.")
        int objectivePercent,

        @OptionalField @Description("Warning thresholds, in percent of the target, of targets that set none.")
        List<Integer> warningPercents,

        @Description("The first target whose severity and impact match a ticket (an absent one matches any) applies.")
        List<Target> targets) {

    @Description("The service levels of tickets of one severity and/or impact.")
    public record Target(
            @OptionalField Severity severity,
            @OptionalField Impact impact,

            @Description("Calendar id, or a template: {region} stands for the account's region's calendar "
                    + "(tiered-{region}).")
            String calendar,

            @OptionalField @Description("Response target in business time.")
            Duration response,

            @OptionalField @Description("Resolution objective in business time.")
            Duration resolution,

            @OptionalField
            @Description("Follow-up target in business time: from a customer's message on an acknowledged ticket to "
                    + "the next answer from support.")
            Duration followUp,

            @OptionalField @Description("This target's warnings, instead of the policy's warningPercents.")
            Warnings warnings) {}

    @Description("When a clock warns before its breach: at shares of its target and/or at times before its deadline.")
    public record Warnings(
            @OptionalField @Description("Shares of the target, in percent (1-99).")
            List<Integer> percents,

            @OptionalField @Description("Business time before the deadline (e.g. PT30M).")
            List<Duration> before) {}
}
