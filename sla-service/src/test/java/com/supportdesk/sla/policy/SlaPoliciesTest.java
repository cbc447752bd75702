package com.supportdesk.sla.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.supportdesk.contract.model.Impact;
import com.supportdesk.contract.model.Severity;
import com.supportdesk.support.Regions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A policy's JSON: what it means, the alarms its targets give their clocks, and mistakes named by their field. */
class SlaPoliciesTest {

    static final String POLICY = """
            {"id": "gold", "name": "Gold", "objectivePercent": 95, "warningPercents": [90, 75],
             "targets": [
               {"severity": "SEV1", "calendar": "always-open", "response": "PT30M", "resolution": "PT4H",
                "warnings": {"percents": [50], "before": ["PT10M", "PT5M"]}},
               {"calendar": "tiered-{region}", "response": "PT4H"}]}""";

    @Test
    void aPolicyReadsAndItsTargetsGiveTheirClocksTheirAlarms() {
        SlaPolicy p = SlaPolicies.parse(POLICY);
        assertThat(p.warningPercents()).containsExactly(75, 90);
        SlaPolicy.Target sev1 = p.targetFor(Severity.SEV1, Impact.STANDARD).orElseThrow();
        assertThat(p.alarms(sev1)).containsExactly(50, -5, -10);
        assertThat(p.alarms(p.targetFor(Severity.SEV3, null).orElseThrow())).containsExactly(75, 90);
        assertThat(SlaPolicies.parse(SlaPolicies.json(p))).isEqualTo(p);
        assertThat(SlaPolicies.json(p)).contains("\"PT10M\"").doesNotContain("\"severity\":null");
    }

    @Test
    void mistakesNameTheField() {
        record Case(String json, String field, String reason) {}
        for (Case c : List.of(
                new Case(POLICY.replace("\"PT4H\"}]", "\"4 hours\"}]"), "targets[1].response", "not valid"),
                new Case(POLICY.replace("\"PT30M\"", "\"-PT30M\""), "targets[0].response", "positive"),
                new Case(POLICY.replace("[50]", "[150]"), "targets[0].warnings.percents", "1..99"),
                new Case(POLICY.replace("\"PT10M\"", "\"PT10S\""), "targets[0].warnings.before", "minutes"),
                new Case(POLICY.replace("95", "0"), "objectivePercent", "1..100"),
                new Case(POLICY.replace("\"name\"", "\"colour\": \"gold\", \"name\""), "colour", "not a field"),
                new Case(POLICY.replace("\"calendar\": \"tiered-{region}\", ", ""), "targets[1].calendar", "needs"),
                new Case(POLICY.replace("\"gold\"", "\"Gold!\""), "id", "lower-case"))) {
            assertThatThrownBy(() -> SlaPolicies.parse(c.json()))
                    .as(c.field())
                    .isInstanceOfSatisfying(SlaPolicies.InvalidPolicyException.class, e -> {
                        assertThat(e.field()).isEqualTo(c.field());
                        assertThat(e.reason()).contains(c.reason());
                    });
        }
    }

    @Test
    void everyCalendarAPolicyNamesMustExistForEveryRegion() {
        SlaPolicy p = SlaPolicies.parse(POLICY.replace("always-open", "nowhere"));
        List<Regions.SupportRegion> regions = Regions.shipped().all();
        assertThatThrownBy(() -> SlaPolicies.checkCalendars(p, regions, id -> !id.equals("nowhere")))
                .isInstanceOfSatisfying(
                        SlaPolicies.InvalidPolicyException.class,
                        e -> assertThat(e.field()).isEqualTo("targets[0].calendar"));
        // a template reads the region's variant, or its own calendar: it always resolves while regions' calendars do
        SlaPolicies.checkCalendars(SlaPolicies.parse(POLICY), regions, id -> !id.startsWith("tiered-"));
        assertThat(Duration.parse("PT4H")).isEqualTo(p.targets().get(1).response());
    }
}
