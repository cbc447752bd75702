package com.supportdesk.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker's raw ceiling on this machine, as Kafka's producer perf test measures it: 1 KB records with acks=all and
 * idempotence (as the services produce) to a topic of its own, as fast as the producer takes them, for a few seconds.
 */
public final class KafkaCeiling {
    public static void main(String[] args) throws Exception {
        int seconds = 10;
        String bootstrap = "localhost:9092";
        for (String a : args) {
            if (a.startsWith("--seconds=")) {
                seconds = Integer.parseInt(a.substring(10));
            } else if (a.startsWith("--bootstrap=")) {
                bootstrap = a.substring(12);
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains("bench-ceiling")) {
                admin.createTopics(List.of(
                                new NewTopic("bench-ceiling", 3, (short) 1).configs(Map.of("retention.ms", "60000"))))
                        .all()
                        .get(10, TimeUnit.SECONDS);
            }
        }
        byte[] value = new byte[1024];
        AtomicLong acked = new AtomicLong();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                new ByteArraySerializer())) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            long i = 0;
            while (System.nanoTime() < end) {
                p.send(new ProducerRecord<>("bench-ceiling", Long.toString(i++), value), (m, e) -> {
                    if (e == null) {
                        acked.incrementAndGet();
                    }
                });
            }
            p.flush();
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "RESULT raw_kafka_records_per_s=%.0f (1 KB, acks=all, %d records in %.1f s)%n",
                    acked.get() / s, acked.get(), s);
        }
    }

    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the figures are the output
    }
}
