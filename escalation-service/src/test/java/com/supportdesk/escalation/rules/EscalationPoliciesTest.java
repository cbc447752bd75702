package com.supportdesk.escalation.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EscalationPoliciesTest {

    @Test
    void shipsTheTermsOfEachPlan() {
        EscalationPolicies policies = EscalationPolicies.shipped("standard");
        assertThat(policies.forPlan("tiered-3").criticalSituationAfter()).isEqualTo(Duration.ZERO);
        assertThat(policies.forPlan("tiered-3").seniorManagement()).isTrue();
        assertThat(policies.forPlan("tiered-2").criticalSituationAfter()).isEqualTo(Duration.ofHours(4));
        assertThat(policies.forPlan("standard").criticalSituationAfter()).isNull();
        // the quiet period before a resolved ticket closes by itself: five business days of ten hours
        assertThat(policies.all())
                .allSatisfy(p -> assertThat(p.autoCloseAfter()).isEqualTo(Duration.ofHours(50)));
        assertThat(policies.forPlan("gold").plan())
                .as("unknown plan: the default")
                .isEqualTo("standard");
    }

    @Test
    void refusesAPlanListedTwiceOrAnUnknownField() {
        assertThatThrownBy(() -> EscalationPolicies.parse("[{\"plan\":\"a\"},{\"plan\":\"a\"}]", "a"))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> EscalationPolicies.parse("[{\"plan\":\"a\",\"stall\":\"PT1H\"}]", "a"))
                .hasMessageContaining("stall");
        assertThatThrownBy(() -> EscalationPolicies.parse("[{\"plan\":\"a\"}]", "b"))
                .hasMessageContaining("default plan 'b'");
    }
}
