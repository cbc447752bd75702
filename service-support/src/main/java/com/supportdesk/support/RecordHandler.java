package com.supportdesk.support;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.util.List;
import java.util.function.Consumer;

/**
 * How a consumer of the event-driven services handles one record: a database failure is retried until it passes (the
 * offset moves only after the commit); any other failure means this record cannot be handled, and it goes to the
 * topic's dead-letter topic (through the service's outbox, with the reason) instead of stopping the consumer.
 */
public final class RecordHandler {
    private static final Logger LOG = Logger.getLogger(RecordHandler.class);

    private final DataSource dataSource;
    private final Outbox outbox;
    private final String consumer;

    /** @param consumer the service's name, put in the dead letter's {@code dead-letter-consumer} header */
    public RecordHandler(DataSource dataSource, Outbox outbox, String consumer) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.consumer = consumer;
    }

    public void handle(ConsumerRecord<String, byte[]> r, Consumer<Received> work) throws InterruptedException {
        Received in = Received.of(r);
        try {
            Jdbc.retrying(r.topic(), () -> {
                work.accept(in);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Record %s-%d@%d (key %s) could not be handled: dead-lettered", r.topic(), r.partition(),
                    r.offset(), r.key());
            Outbox.Outgoing dead = in.deadLetter(consumer, e.getClass().getSimpleName() + ": " + e.getMessage());
            Jdbc.retrying(r.topic(), () -> Jdbc.inTransaction(dataSource, c -> {
                outbox.enqueue(c, List.of(dead));
                return null;
            }));
        }
    }
}
