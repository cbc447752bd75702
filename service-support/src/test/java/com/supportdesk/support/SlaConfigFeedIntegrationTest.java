package com.supportdesk.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.Topics;
import com.supportdesk.contract.event.CalendarChanged;
import com.supportdesk.contract.event.RegionChanged;
import com.supportdesk.contract.model.CalendarDefinition;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CloudEvent;
import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service's calendars follow sla-config on a real broker: a new version replaces the shipped one and those taking
 * their holidays from it, a new calendar appears and a deleted one goes, an older version and an unreadable record
 * change nothing, and an instance started later reads the same set from the compacted topic.
 */
class SlaConfigFeedIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static String bootstrap;
    private final List<SlaConfigFeed> feeds = new java.util.ArrayList<>();

    @BeforeAll
    static void broker() {
        RealInfrastructure.kafka();
        bootstrap = RealInfrastructure.bootstrapServers();
    }

    @AfterEach
    void stop() {
        feeds.forEach(SlaConfigFeed::close);
    }

    SlaConfigFeed follow(Calendars calendars) {
        return follow(calendars, Regions.shipped());
    }

    SlaConfigFeed follow(Calendars calendars, Regions regions) {
        SlaConfigFeed feed = new SlaConfigFeed(bootstrap, calendars, regions, "feed-test").start();
        feeds.add(feed);
        return feed;
    }

    static void publish(String id, int version, CalendarDefinition definition) {
        CalendarChanged event = new CalendarChanged(
                id, version, definition == null, definition, List.of("test"), "adam", Instant.now());
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(CalendarChanged.class).type(),
                "sla-service",
                "calendar:" + id,
                Instant.now(),
                (long) version,
                null,
                event);
        TopicReader.send(
                Topics.SLA_CONFIG, "calendar:" + id, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    static void publishRegion(String id, int version, String calendar) {
        RegionChanged event = new RegionChanged(
                id,
                version,
                calendar == null,
                calendar == null ? null : "Region " + id,
                calendar,
                calendar == null ? null : List.of(SupportLanguage.EN),
                List.of("test"),
                "adam",
                Instant.now());
        CloudEvent envelope = new CloudEvent(
                UUID.randomUUID().toString(),
                Catalog.of(RegionChanged.class).type(),
                "sla-service",
                "region:" + id,
                Instant.now(),
                (long) version,
                null,
                event);
        TopicReader.send(
                Topics.SLA_CONFIG, "region:" + id, CloudEventCodec.headers(envelope), CloudEventCodec.body(event));
    }

    @Test
    void regionsFollowTheTopicAndADeletedOneStaysReadableForItsAccounts() {
        Regions regions = Regions.shipped();
        follow(Calendars.shipped(), regions);
        assertThat(regions.find("EUROPE").orElseThrow().calendar()).isEqualTo("europe");
        String japan = "JAPAN_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        assertThat(regions.find(japan)).isEmpty();

        publishRegion(japan, 1, "asia");
        await().atMost(Duration.ofSeconds(30)).until(() -> regions.find(japan).isPresent());
        assertThat(regions.find(japan).orElseThrow().languages()).containsExactly(SupportLanguage.EN);
        // a template names the region's variant when it exists, else the region's own calendar
        assertThat(regions.find(japan).orElseThrow().calendarFor("tiered-{region}", "tiered-asia"::equals))
                .isEqualTo("tiered-asia");
        assertThat(regions.find(japan).orElseThrow().calendarFor("tiered-{region}", c -> false))
                .isEqualTo("asia");

        publishRegion(japan, 2, "tokyo");
        publishRegion(japan, 1, "europe"); // older: ignored
        await().atMost(Duration.ofSeconds(30))
                .until(() -> regions.lookup(japan).map(r -> r.version() == 2).orElse(false));
        assertThat(regions.calendarOf(japan, "EUROPE")).isEqualTo("tokyo");

        publishRegion(japan, 3, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> regions.find(japan).isEmpty());
        assertThat(regions.calendarOf(japan, "EUROPE"))
                .as("accounts still in it")
                .isEqualTo("tokyo");
        assertThat(regions.all()).extracting(Regions.SupportRegion::id).doesNotContain(japan);
    }

    /** A shipped calendar's definition with one more holiday on {@code day}. */
    static CalendarDefinition withHoliday(String id, LocalDate day) throws Exception {
        ObjectNode json = (ObjectNode)
                JSON.readTree(Calendars.json(Calendars.shippedDefinitions().get(id)));
        json.withArray("holidays").addObject().put("name", "Added " + day).put("on", day.toString());
        return JSON.treeToValue(json, CalendarDefinition.class);
    }

    @Test
    void theCalendarsFollowTheTopicAndALaterInstanceReadsTheSameSet() throws Exception {
        Calendars calendars = Calendars.shipped();
        follow(calendars);
        LocalDate day = LocalDate.of(2031, 3, 12); // a Wednesday
        assertThat(calendars.get("europe").isHoliday(day)).isFalse();

        publish("europe", 50, withHoliday("europe", day));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> calendars.get("europe").isHoliday(day));
        // tiered-europe takes its holidays from europe
        assertThat(calendars.get("tiered-europe").isHoliday(day)).isTrue();

        String tokyo = "tokyo-" + UUID.randomUUID().toString().substring(0, 8);
        CalendarDefinition office = JSON.readValue(
                "{\"id\": \"" + tokyo + "\", \"zone\": \"Asia/Tokyo\", \"hours\": {\"MONDAY\": [\"09:00-18:00\"]}}",
                CalendarDefinition.class);
        publish(tokyo, 1, office);
        await().atMost(Duration.ofSeconds(30)).until(() -> calendars.byId(tokyo).isPresent());
        assertThat(calendars.get(tokyo).zone().getId()).isEqualTo("Asia/Tokyo");

        // an older version of europe, an unreadable record, then the deletion of the new calendar
        publish("europe", 49, withHoliday("europe", LocalDate.of(2031, 3, 13)));
        TopicReader.send(Topics.SLA_CONFIG, "calendar:europe", Map.of("ce_type", "nonsense"), "{".getBytes());
        publish(tokyo, 2, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> calendars.byId(tokyo).isEmpty());
        assertThat(calendars.get("europe").isHoliday(day)).isTrue();
        assertThat(calendars.get("europe").isHoliday(LocalDate.of(2031, 3, 13))).isFalse();

        // another instance, started now, reads the topic from its beginning to the same calendars
        Calendars later = Calendars.shipped();
        SlaConfigFeed feed = follow(later);
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.version(tokyo) == 2);
        assertThat(later.get("europe").isHoliday(day)).isTrue();
        assertThat(later.byId(tokyo)).isEmpty();
        assertThat(feed.version("europe")).isEqualTo(50);
    }
}
