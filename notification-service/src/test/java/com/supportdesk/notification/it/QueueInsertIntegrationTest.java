package com.supportdesk.notification.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.supportdesk.contract.model.NotificationChannel;
import com.supportdesk.contract.model.NotificationKind;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.notification.store.NotificationStore;
import com.supportdesk.notification.store.NotificationStore.Delivery;
import com.supportdesk.support.Jdbc;
import com.supportdesk.testinfra.KafkaAndPostgresResource;
import com.supportdesk.testinfra.SmtpResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The queue takes a poll's deliveries in a few statements whatever their number: one per 500 rows, each column an
 * array, so the statement's text does not change with the number of rows. Each row reads back as it was given, a
 * delivery queued before or twice in the same call is left as the first one was, and the count says how many were new.
 * Each case runs in a transaction that is rolled back.
 */
@QuarkusTest
@WithTestResource(value = KafkaAndPostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SmtpResource.class, scope = TestResourceScope.GLOBAL)
class QueueInsertIntegrationTest {
    private static final Instant NOW = Instant.parse("1991-03-04T05:06:07.123456Z");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aThousandDeliveriesGoInThreeStatementsAndReadBackAsGiven() throws Exception {
        try (Connection real = dataSource.getConnection()) {
            real.setAutoCommit(false);
            AtomicInteger inserts = new AtomicInteger();
            Connection c = counting(real, "ntf_delivery", inserts);
            try {
                NotificationStore.addDeliveries(c, List.of(email("qi-0", "first body")));
                inserts.set(0);

                List<Delivery> poll = new ArrayList<>();
                for (int i = 0; i < 1_200; i++) {
                    poll.add(i % 2 == 0 ? email("qi-" + i, "body " + i) : webhook("qi-" + i));
                }
                poll.add(email("qi-7", "the same id again"));
                assertThat(NotificationStore.addDeliveries(c, poll))
                        .as("1,201 given: one queued before, one twice")
                        .isEqualTo(1_199);
                assertThat(inserts).as("statements for 1,201 rows").hasValue(3);

                assertThat(Jdbc.strings(c, "SELECT convert_from(body, 'UTF8') FROM ntf_delivery WHERE id = 'qi-0'"))
                        .as("the one queued before is left as it was")
                        .containsExactly("first body");
                assertThat(Jdbc.strings(c, "SELECT count(*) FROM ntf_delivery WHERE id LIKE 'qi-%'"))
                        .containsExactly("1200");
                assertThat(Jdbc.strings(
                                c,
                                "SELECT concat_ws('|', trigger_id, trigger_type, channel, kind, recipient, account_id,"
                                        + " subject_id, language, language_fallback, subject,"
                                        + " convert_from(body, 'UTF8'), coalesce(url, '-'), state, attempts,"
                                        + " to_char(next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'),"
                                        + " created_at = next_attempt_at, urgency, trace, digest_id IS NULL)"
                                        + " FROM ntf_delivery WHERE id IN ('qi-8', 'qi-9') ORDER BY id"))
                        .containsExactly(
                                "ev-qi-8|support.sla.breached.v1|EMAIL|BREACH|ann@qi.example|acc-qi|TKT-qi-8|DE|t"
                                        + "|Frist verletzt|body 8|-|PENDING|0|1991-03-04 05:06:07.123456|t|2"
                                        + "|00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01|t",
                                "ev-qi-9|support.ticket.opened.v1|WEBHOOK|EVENT|sub-qi|acc-qi|TKT-qi-9|f"
                                        + "|{\"id\":\"qi-9\"}|https://hooks.qi.example/in|PENDING|0"
                                        + "|1991-03-04 05:06:07.123456|t|4|t");
                assertThat(Jdbc.strings(c, "SELECT convert_from(body, 'UTF8') FROM ntf_delivery WHERE id = 'qi-7'"))
                        .as("the first of the two with one id")
                        .containsExactly("{\"id\":\"qi-7\"}");
            } finally {
                real.rollback();
            }
        }
    }

    /** A breach notice in German, in a trace. */
    private static Delivery email(String id, String body) {
        return delivery(
                id,
                "support.sla.breached.v1",
                NotificationChannel.EMAIL,
                NotificationKind.BREACH,
                "ann@qi.example",
                SupportLanguage.DE,
                "Frist verletzt",
                body,
                null,
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    /** An opening's webhook: no language, no subject, no trace. */
    private static Delivery webhook(String id) {
        return delivery(
                id,
                "support.ticket.opened.v1",
                NotificationChannel.WEBHOOK,
                NotificationKind.EVENT,
                "sub-qi",
                null,
                null,
                "{\"id\":\"" + id + "\"}",
                "https://hooks.qi.example/in",
                null);
    }

    /** A pending delivery due {@link #NOW}, caused by event {@code "ev-" + id} about ticket {@code "TKT-" + id}. */
    private static Delivery delivery(
            String id,
            String triggerType,
            NotificationChannel channel,
            NotificationKind kind,
            String recipient,
            SupportLanguage language,
            String subject,
            String body,
            String url,
            String trace) {
        return new Delivery(
                id,
                "ev-" + id,
                triggerType,
                channel,
                kind,
                recipient,
                "acc-qi",
                "TKT-" + id,
                language,
                language != null,
                subject,
                body.getBytes(StandardCharsets.UTF_8),
                url,
                NotificationStore.State.PENDING,
                0,
                NOW,
                null,
                NOW,
                null,
                null,
                trace);
    }

    /** The connection, counting the inserts into {@code table} it prepares. */
    static Connection counting(Connection c, String table, AtomicInteger inserts) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare")
                            && args != null
                            && args[0] instanceof String sql
                            && sql.strip().startsWith("INSERT INTO " + table + " ")) {
                        inserts.incrementAndGet();
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
