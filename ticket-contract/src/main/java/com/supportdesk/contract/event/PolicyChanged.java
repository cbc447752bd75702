package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import com.supportdesk.contract.model.PolicyDefinition;
import java.time.Instant;
import java.util.List;

@Description(
        "An SLA policy was created, replaced or deleted (sla-service owns them). Carries the whole new version; it applies to tickets opened from `at` on, and to running clocks too when appliedToRunningClocks. Key: policy:<id>.")
public record PolicyChanged(
        String policyId,

        @Description("1 for the first version, one more for each change.")
        int version,

        @Description("true: the policy no longer exists (policy is absent).")
        boolean deleted,

        @OptionalField PolicyDefinition policy,

        @Description("true: the running clocks on the policy are re-targeted to it too (reason POLICY_CHANGED).")
        boolean appliedToRunningClocks,

        @Description("What changed from the previous version, one line each.")
        List<String> changes,

        @Description("User id of who changed it; \"sla-service\" for the shipped policies.")
        String changedBy,

        Instant at) {}
