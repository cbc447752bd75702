package com.supportdesk.contract.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scope-of-support agreement: what a contract's standard scope covers, and what it does not. */
class StandardScopeTest {

    static AccountProfile withScope(List<ScopeItem> scope) {
        Contact ann = new Contact("ann", "Ann", "ann@acme.example", null);
        return new AccountProfile(
                "Acme",
                "EUROPE",
                SupportLanguage.FR,
                "standard",
                ann,
                ann,
                ann,
                List.of(),
                List.of("billing", "crm"),
                false,
                PlanLevel.STARS_4,
                scope);
    }

    @Test
    void aTicketNoLineCoversIsOutsideTheScopeWithTheReason() {
        AccountProfile p = withScope(List.of(
                new ScopeItem("billing", null, "billing: everything"),
                new ScopeItem("crm", List.of(TicketKind.INCIDENT), "crm: errors only, no data imports")));
        assertThat(p.outOfScope(TicketKind.SERVICE_REQUEST, "billing")).isEmpty();
        assertThat(p.outOfScope(TicketKind.INCIDENT, "CRM "))
                .as("names match ignoring case and spaces")
                .isEmpty();
        assertThat(p.outOfScope(TicketKind.SERVICE_REQUEST, "crm"))
                .contains("no line of the standard scope of contract standard covers a service request about crm");
        assertThat(p.outOfScope(TicketKind.INCIDENT, "warehouse")).isPresent();
        assertThat(p.outOfScope(TicketKind.INCIDENT, null))
                .contains(
                        "no line of the standard scope of contract standard covers an incident without an application");
    }

    @Test
    void aLineWithoutApplicationCoversEveryApplicationAndNoScopeMeansEverythingIsStandard() {
        AccountProfile incidentsAnywhere = withScope(List.of(new ScopeItem(null, List.of(TicketKind.INCIDENT), null)));
        assertThat(incidentsAnywhere.outOfScope(TicketKind.INCIDENT, "anything"))
                .isEmpty();
        assertThat(incidentsAnywhere.outOfScope(TicketKind.SERVICE_REQUEST, "anything"))
                .isPresent();
        assertThat(withScope(null).outOfScope(TicketKind.SERVICE_REQUEST, "x")).isEmpty();
        assertThat(withScope(List.of()).outOfScope(TicketKind.SERVICE_REQUEST, "x"))
                .isEmpty();
    }

    @Test
    void aProfileWithoutPlanLevelIsThreeStarsAndChangingTheOutageListKeepsTheRest() {
        AccountProfile p = withScope(List.of(new ScopeItem("billing", null, null)));
        assertThat(PlanLevel.orDefault(null)).isEqualTo(PlanLevel.STARS_3);
        assertThat(PlanLevel.STARS_5.stars()).isEqualTo(5);
        AccountProfile changed = p.withOutageNotificationList(List.of("ops@acme.example"));
        assertThat(changed.outageNotificationList()).containsExactly("ops@acme.example");
        assertThat(changed.planLevel()).isEqualTo(PlanLevel.STARS_4);
        assertThat(changed.standardScope()).isEqualTo(p.standardScope());
    }
}
