package com.supportdesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.testinfra.RealInfrastructure;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer frozen in the middle of a backlog (SIGSTOP: a long GC pause, a suspended VM) for longer than both the
 * group's session timeout (45 s: the broker drops it from the group) and the connector's 60 s limit for records waiting
 * to be acknowledged. Thawed (SIGCONT), it rejoins the group and works off the rest of the backlog: nothing is lost,
 * the service is ready again and its committed offsets reach the end of the topic. Before the fix, the connector failed
 * the channel for good at this point and the service consumed nothing until it was restarted.
 */
class ConsumerPauseSystemTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String GROUP = "notification-service";
    private static ServiceProcess notification;

    @AfterAll
    static void stop() throws Exception {
        if (notification != null) {
            notification.resume();
            notification.stop();
        }
    }

    @Test
    void frozenPastTheSessionTimeoutAndTheAckLimitItRejoinsAndLosesNothing() throws Exception {
        String account = "pause-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> eventIds = ConsumerCrashSystemTest.backlog(
                account, "ann." + account + "@client.example", "bob." + account + "@client.example");

        notification = ConsumerCrashSystemTest.notificationProcess();
        notification.start();
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers()))) {
            // frozen once it works the backlog and its channels' consumers have all joined the group: frozen in the
            // middle of a rebalance instead, the broker would wait for it up to the rebalance time-out (Kafka's
            // max.poll.interval.ms, 5 minutes), not the session time-out this test is about
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> ConsumerCrashSystemTest.handled(eventIds) > 0 && state(admin) == GroupState.STABLE);
            notification.pause();
            long atPause = ConsumerCrashSystemTest.handled(eventIds);
            System.out.printf(
                    "notification-service frozen with %d of %d openings handled%n",
                    atPause, ConsumerCrashSystemTest.TICKETS);
            assertThat(atPause).as("openings handled before the freeze").isLessThan(ConsumerCrashSystemTest.TICKETS);
            // frozen until the broker has dropped it from the group, and past the connector's 60 s (a rebalance that
            // began in the last moment before the freeze waits out its own time-out: hence the longer bound)
            await().pollDelay(Duration.ofSeconds(65))
                    .atMost(Duration.ofMinutes(7))
                    .until(() -> members(admin) == 0);
            notification.resume();

            await().atMost(WAIT)
                    .until(() -> ConsumerCrashSystemTest.handled(eventIds) == ConsumerCrashSystemTest.TICKETS);
            notification.awaitReady(WAIT);
            await().atMost(WAIT).until(() -> lag(admin) == 0);
            assertThat(members(admin))
                    .as("consumers of %s back in the group", GROUP)
                    .isPositive();
        }
    }

    private static GroupState state(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(GROUP)
                .groupState();
    }

    private static int members(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP))
                .all()
                .get()
                .get(GROUP)
                .members()
                .size();
    }

    /** How far the group's committed offsets on ticket-events are behind the topic's end. */
    private static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(Topics.TICKET_EVENTS))
                .allTopicNames()
                .get()
                .get(Topics.TICKET_EVENTS)
                .partitions()
                .forEach(p -> latest.put(new TopicPartition(Topics.TICKET_EVENTS, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get();
        long lag = 0;
        for (var e : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(e.getKey());
            lag += e.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }
}
