package com.supportdesk.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.supportdesk.contract.Topics;
import com.supportdesk.testinfra.RealInfrastructure;
import com.supportdesk.testinfra.SmtpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A consumer frozen in the middle of a backlog (SIGSTOP: a long GC pause, a suspended VM) holds nobody up for longer than
 * the group's session time-out: a second instance started meanwhile is given the frozen one's partitions once the
 * broker has dropped it (10 s, {@code kafka.session.timeout.ms}), and works on the backlog while the first is still
 * frozen, as PostgreSQL ends the frozen one's idle batch transaction and with it its locks (30 s,
 * {@code BatchConsumer.IDLE_TRANSACTION_BOUND}). The instance stays frozen past the connector's 60 s
 * limit for records waiting to be acknowledged; thawed (SIGCONT), it rejoins the group and goes on: nothing is lost,
 * each receipt reaches each contact in exactly one e-mail, the service is ready again and the group's committed offsets
 * reach the end of the topic. Before session 9's fix, the connector failed the channel for good at this point and the
 * service consumed nothing until it was restarted.
 */
class ConsumerPauseSystemTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    /**
     * The session time-out (10 s) and a heartbeat (3 s) as a rule; up to the rebalance time-out ({@code
     * max.poll.interval.ms}, 5 minutes) when a rebalance began in the last moment before the freeze: under Kafka's
     * classic group protocol a member frozen after it sent its JoinGroup is waited for that long (ADR 0024).
     */
    private static final Duration DROPPED_WITHIN = Duration.ofMinutes(6);

    private static final String GROUP = "notification-service";
    private static ServiceProcess frozen;
    private static ServiceProcess other;

    @AfterAll
    static void stop() throws Exception {
        if (frozen != null) {
            frozen.resume();
        }
        ServiceProcess.stopAll(java.util.Arrays.asList(frozen, other));
    }

    @Test
    void aMemberFrozenAtAnyMomentHoldsNobodyUpAndThawedLosesAndDoublesNothing() throws Exception {
        String account = "pause-" + UUID.randomUUID().toString().substring(0, 8);
        String ann = "ann." + account + "@client.example";
        String bob = "bob." + account + "@client.example";
        List<String> eventIds = ConsumerCrashSystemTest.backlog(account, ann, bob);

        frozen = ConsumerCrashSystemTest.notificationProcess();
        frozen.start();
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.bootstrapServers()))) {
            // frozen once it works the backlog and its channels' consumers have all joined the group (they join one
            // after the other): frozen in the middle of a rebalance instead, the broker would wait for it up to the
            // rebalance time-out, not the session time-out this test is about (ADR 0024)
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> ConsumerCrashSystemTest.handled(eventIds) > 0 && state(admin) == GroupState.STABLE);
            frozen.pause();
            Instant frozenAt = Instant.now();
            long atPause = ConsumerCrashSystemTest.handled(eventIds);
            Set<String> frozenMembers = memberIds(admin);
            System.out.printf(
                    "notification-service frozen with %d of %d openings handled, its group %s with %d members%n",
                    atPause, ConsumerCrashSystemTest.TICKETS, state(admin), frozenMembers.size());
            assertThat(atPause).as("openings handled before the freeze").isLessThan(ConsumerCrashSystemTest.TICKETS);

            // a second instance joins the group while the first is frozen: the broker drops the frozen one after the
            // session time-out and gives the newcomer every partition
            other = ConsumerCrashSystemTest.notificationProcess();
            other.start();
            await().atMost(DROPPED_WITHIN)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> java.util.Collections.disjoint(memberIds(admin), frozenMembers));
            Duration dropped = Duration.between(frozenAt, Instant.now());
            other.awaitReady(WAIT);
            await().atMost(WAIT).until(() -> assigned(admin, Topics.TICKET_EVENTS) == partitions(admin));
            int otherAlone = memberIds(admin).size();
            System.out.printf(
                    "frozen members dropped %d ms after the freeze; the other instance's %d hold every partition%n",
                    dropped.toMillis(), otherAlone);

            // and works on while the first is still frozen: the frozen one's open batch transaction (its locks on the
            // account's row, which every opening of the backlog needs) ends after BatchConsumer's idle bound (30 s)
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> ConsumerCrashSystemTest.handled(eventIds) > atPause);
            System.out.printf(
                    "the other instance handled more %d ms after the freeze%n",
                    Duration.between(frozenAt, Instant.now()).toMillis());

            // frozen past the connector's 60 s limit for records waiting to be acknowledged, then thawed
            Duration frozenFor = Duration.ofSeconds(65);
            await().atMost(frozenFor.plusSeconds(5))
                    .until(() -> Duration.between(frozenAt, Instant.now()).compareTo(frozenFor) > 0);
            System.out.printf(
                    "%d of %d openings handled when thawed%n",
                    ConsumerCrashSystemTest.handled(eventIds), ConsumerCrashSystemTest.TICKETS);
            frozen.resume();

            await().atMost(WAIT)
                    .until(() -> ConsumerCrashSystemTest.handled(eventIds) == ConsumerCrashSystemTest.TICKETS);
            frozen.awaitReady(WAIT);
            await().atMost(WAIT).until(() -> lag(admin) == 0);
            await().atMost(WAIT)
                    .alias("the thawed instance's consumers back in the group beside the other's")
                    .until(() -> memberIds(admin).size() > otherAlone);
            for (String contact : List.of(ann, bob)) {
                await().atMost(WAIT)
                        .until(() -> ConsumerCrashSystemTest.receipts(ConsumerCrashSystemTest.SMTP.inbox(contact))
                                        .size()
                                == ConsumerCrashSystemTest.TICKETS);
                Map<String, SmtpServer.Mail> distinct = new java.util.LinkedHashMap<>();
                ConsumerCrashSystemTest.SMTP.inbox(contact).forEach(m -> distinct.putIfAbsent(m.messageId(), m));
                assertThat(ConsumerCrashSystemTest.receipts(distinct.values()))
                        .as("receipts of %s", contact)
                        .hasSize(ConsumerCrashSystemTest.TICKETS)
                        .allSatisfy((reference, mails) ->
                                assertThat(mails).as(reference).isOne());
            }
        }
    }

    /** The group's members now, by member id. */
    private static Set<String> memberIds(Admin admin) throws Exception {
        return describe(admin).members().stream()
                .map(MemberDescription::consumerId)
                .collect(Collectors.toSet());
    }

    /** How many partitions of the topic the group's members hold between them. */
    private static long assigned(Admin admin, String topic) throws Exception {
        return describe(admin).members().stream()
                .flatMap(m -> m.assignment().topicPartitions().stream())
                .filter(tp -> tp.topic().equals(topic))
                .count();
    }

    private static int partitions(Admin admin) throws Exception {
        return admin.describeTopics(List.of(Topics.TICKET_EVENTS))
                .allTopicNames()
                .get()
                .get(Topics.TICKET_EVENTS)
                .partitions()
                .size();
    }

    private static ConsumerGroupDescription describe(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(GROUP);
    }

    private static GroupState state(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP))
                .all()
                .get(10, TimeUnit.SECONDS)
                .get(GROUP)
                .groupState();
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
