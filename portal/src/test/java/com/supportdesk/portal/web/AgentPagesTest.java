package com.supportdesk.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The agent workspace's rules that need no server: colour bands, stars, the timeline's order, the customer's name. */
class AgentPagesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aClocksBandFollowsItsTimeLeft() {
        assertThat(AgentPages.band(2 * 3600, true, false)).isEqualTo("ok");
        assertThat(AgentPages.band(3599, true, false)).isEqualTo("warning");
        assertThat(AgentPages.band(29 * 60, true, false)).isEqualTo("critical");
        assertThat(AgentPages.band(0, true, false)).isEqualTo("breached");
        assertThat(AgentPages.band(-60, true, false)).isEqualTo("breached");
        assertThat(AgentPages.band(5 * 3600, true, true))
                .as("breached stays breached")
                .isEqualTo("breached");
        assertThat(AgentPages.band(5 * 3600, false, false)).isEqualTo("paused");
    }

    @Test
    void aPlanIsShownAsItsStars() {
        assertThat(AgentPages.stars("STARS_5")).isEqualTo("★★★★★");
        assertThat(AgentPages.stars("STARS_3")).isEqualTo("★★★");
        assertThat(AgentPages.stars("")).isEqualTo("★★★");
    }

    @Test
    void anEventIsPlacedAtItsOwnTimeElseItsRecordsTime() throws Exception {
        JsonNode withAt =
                JSON.readTree("{\"time\":\"2026-12-04T10:00:01Z\",\"data\":{\"at\":\"2026-12-04T10:00:00Z\"}}");
        JsonNode without = JSON.readTree("{\"time\":\"2026-12-04T10:00:01Z\",\"data\":{}}");
        assertThat(AgentPages.when(withAt)).hasToString("2026-12-04T10:00:00Z");
        assertThat(AgentPages.when(without)).hasToString("2026-12-04T10:00:01Z");
    }

    @Test
    void theCustomersNameIsTheContactsWhenAContactOpenedIt() throws Exception {
        JsonNode account =
                JSON.readTree("{\"name\":\"Acme\",\"primaryContact\":{\"userId\":\"dora.acme\",\"name\":\"Dora\"},"
                        + "\"backupContact\":{\"userId\":\"bo.acme\",\"name\":\"Bo\"}}");
        assertThat(AgentPages.customerName(JSON.readTree("{\"openedBy\":\"bo.acme\"}"), account))
                .isEqualTo("Bo");
        assertThat(AgentPages.customerName(JSON.readTree("{\"openedBy\":\"carla.acme\"}"), account))
                .isEqualTo("Acme");
    }

    @Test
    void anIsoDurationIsReadAsSeconds() {
        assertThat(AgentPages.seconds("PT1H30M")).isEqualTo(5400);
        assertThat(AgentPages.seconds("PT-5M")).isEqualTo(-300);
        assertThat(AgentPages.seconds("nonsense")).isZero();
    }

    @Test
    void theReadSidesStatesHaveTheWorkspacesWords() {
        // each message answers its own key
        AgentMsg a = (AgentMsg) java.lang.reflect.Proxy.newProxyInstance(
                AgentMsg.class.getClassLoader(), new Class<?>[] {AgentMsg.class}, (p, m, args) -> m.getName());
        assertThat(AgentPages.state(a, "ACKNOWLEDGED")).isEqualTo("status_IN_PROGRESS");
        assertThat(AgentPages.state(a, "ON_HOLD")).isEqualTo("status_WAITING_ON_CUSTOMER");
        assertThat(AgentPages.state(a, "IN_PROGRESS")).isEqualTo("status_IN_PROGRESS");
    }
}
