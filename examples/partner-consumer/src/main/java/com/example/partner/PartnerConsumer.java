package com.example.partner;

import io.cloudevents.CloudEvent;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A partner's program, to start from: prints every event of {@code ticket-events} and {@code sla-events} and every
 * webhook it receives, one line each.
 *
 * <pre>
 * java -jar partner-consumer.jar --bootstrap=localhost:9092 --group=acme-integration --from=beginning \
 *      --webhook-port=9000 --secret=THE-SECRET-THE-SUBSCRIPTION-SHOWED
 * </pre>
 * {@code --from} ({@code beginning}, {@code end} or an instant such as {@code 2026-12-01T00:00:00Z}) applies to a
 * group's first start; afterwards the group's committed position rules. Without {@code --secret} no webhook endpoint
 * is started.
 */
public final class PartnerConsumer {

    private PartnerConsumer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of(
                "bootstrap",
                "localhost:9092",
                "group",
                "partner-example",
                "from",
                "end",
                "topics",
                "ticket-events,sla-events",
                "webhook-port",
                "9000"));
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            opt.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        WebhookEndpoint endpoint = null;
        if (opt.containsKey("secret")) {
            endpoint = new WebhookEndpoint(
                    new InetSocketAddress(Integer.parseInt(opt.get("webhook-port"))),
                    opt.get("secret"),
                    Duration.ofMinutes(5),
                    Clock.systemUTC(),
                    e -> print("webhook", e));
            System.out.println("webhooks: " + endpoint.url());
        }
        try (EventReader reader = new EventReader(
                opt.get("bootstrap"),
                opt.get("group"),
                List.of(opt.get("topics").split(",")),
                opt.get("from"),
                e -> print("kafka", e))) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> running.set(false)));
            while (running.get()) {
                reader.poll(Duration.ofMillis(500));
            }
        } finally {
            if (endpoint != null) {
                endpoint.close();
            }
        }
    }

    private static void print(String via, CloudEvent e) {
        System.out.printf(
                "%s %s %s %s seq=%s%n", via, e.getTime(), e.getType(), e.getSubject(), e.getExtension("sequence"));
    }
}
