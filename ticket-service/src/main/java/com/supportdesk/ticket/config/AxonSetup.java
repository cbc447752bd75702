package com.supportdesk.ticket.config;

import com.supportdesk.contract.wire.CloudEventCodec;
import com.supportdesk.support.KafkaClients;
import com.supportdesk.support.config.KafkaSettings;
import com.supportdesk.ticket.command.Account;
import com.supportdesk.ticket.command.AppliedEvents;
import com.supportdesk.ticket.command.CommandTargets;
import com.supportdesk.ticket.command.Outage;
import com.supportdesk.ticket.command.ReferenceNumbers;
import com.supportdesk.ticket.command.Ticket;
import com.supportdesk.ticket.messaging.EventRelay;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.json.JacksonSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Axon Framework, configured by hand inside CDI (no Spring): JDBC event store on the Quarkus data source with
 * Jackson, aggregates, a command bus that runs each command in one JTA transaction, and the Kafka relay as a
 * tracking processor whose token lives in the same database.
 */
@Startup
@ApplicationScoped
public class AxonSetup {

    private static final Logger LOG = Logger.getLogger(AxonSetup.class);

    @Inject
    com.supportdesk.support.health.WorkHealth health;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    jakarta.transaction.TransactionManager jta;

    @Inject
    Clock clock;

    /** The support regions as sla-service configures them: an account's region must be one. */
    @Inject
    com.supportdesk.support.Regions regions;

    @Inject
    TopicSetup topics;

    @Inject
    KafkaSettings kafka;

    @Inject
    TicketSettings.Relay relaySettings;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "ticket-service")
    String applicationName;

    @Inject
    org.flywaydb.core.Flyway flyway;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    private Configuration configuration;
    private EventRelay relay;
    private ProcessedCommands processedCommands;

    @jakarta.annotation.PostConstruct
    void start() {
        // the schema first (db/migration): the event store, the token store and the command ids
        flyway.migrate();
        topics.ensureTopics();
        JtaTransactionManager tx = new JtaTransactionManager(jta);
        ConnectionProvider connections = dataSource::getConnection;
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(CloudEventCodec.mapper().copy())
                .classLoader(Thread.currentThread().getContextClassLoader())
                .revisionResolver(new CatalogRevisionResolver())
                .build();
        JdbcEventStorageEngine storage = new SnapshotFreeStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(tx.readingOutsideTransactions())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(new PostgresDuplicateKeyResolver())
                .dataType(byte[].class));
        JdbcTokenStore tokenStore = JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .build();

        GenericEventMessage.clock = clock;
        processedCommands = new ProcessedCommands(dataSource);
        relay = new EventRelay(this::newProducer, "/" + applicationName)
                .measuredBy(meters, clock)
                .watchedBy(health.watchWithoutReadiness("event relay"));
        CommandTargetResolver targets = new CommandTargets();

        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> tx)
                .configureEventStore(c -> {
                    // the relay reads the store itself (relayIdleWait): no thread of the store's own reads each
                    // event back to hand it over from memory
                    org.axonframework.eventsourcing.eventstore.EmbeddedEventStore store =
                            org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder()
                                    .storageEngine(storage)
                                    .messageMonitor(c.messageMonitor(
                                            org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.class,
                                            "eventStore"))
                                    .optimizeEventConsumption(
                                            relaySettings.idleWait().isZero())
                                    .build();
                    c.onShutdown(store::shutDown);
                    return store;
                })
                .registerComponent(Clock.class, c -> clock)
                .registerComponent(com.supportdesk.support.Regions.class, c -> regions)
                // who sent an administrative command travels on to its events (audit trail, EventRelay); ticket
                // commands carry none of these keys, so their events stay as they were; the trace context of every
                // command travels on too (one trace per ticket)
                .configureCorrelationDataProviders(c ->
                        java.util.List.of(new org.axonframework.messaging.correlation.SimpleCorrelationDataProvider(
                                java.util.stream.Stream.concat(
                                                com.supportdesk.ticket.command.AuditMetaData.KEYS.stream(),
                                                java.util.stream.Stream.of(
                                                        com.supportdesk.ticket.command.CommandService.TRACEPARENT))
                                        .toArray(String[]::new))))
                .registerComponent(ReferenceNumbers.class, c -> new SequenceReferenceNumbers(dataSource))
                .configureCommandBus(c -> {
                    SimpleCommandBus bus = SimpleCommandBus.builder()
                            .transactionManager(tx)
                            .messageMonitor(c.messageMonitor(SimpleCommandBus.class, "commandBus"))
                            .build();
                    bus.registerHandlerInterceptor(processedCommands);
                    bus.registerHandlerInterceptor(
                            new org.axonframework.messaging.interceptors.CorrelationDataInterceptor<>(
                                    c.correlationDataProviders()));
                    return bus;
                });
        for (Class<?> aggregate : new Class<?>[] {Ticket.class, Outage.class, Account.class}) {
            // A cached aggregate is not re-read for each command. Another instance may have appended meanwhile: the
            // unique (aggregate, sequence) key then refuses the append, Axon evicts the entry, CommandService retries.
            configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(aggregate)
                    .configureCommandTargetResolver(c -> targets)
                    .configureWeakReferenceCache());
        }
        if (relaySettings.enabled()) {
            configurer.eventProcessing(ep -> ep.registerTrackingEventProcessor(
                            EventRelay.PROCESSOR,
                            c -> c.eventStore(),
                            c -> relayIdleWait(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(relaySettings.batchSize())
                                    .andInitialTrackingToken(source -> source.createTailToken())))
                    .registerEventHandler(c -> relay)
                    .assignHandlerInstancesMatching(EventRelay.PROCESSOR, h -> h instanceof EventRelay)
                    .registerListenerInvocationErrorHandler(
                            EventRelay.PROCESSOR, c -> PropagatingErrorHandler.instance())
                    .registerTokenStore(EventRelay.PROCESSOR, c -> tokenStore));
        }
        configuration = configurer.buildConfiguration();
        configuration.eventStore().registerDispatchInterceptor(new AppliedEvents());
        configuration.start();
        LOG.infof(
                "Axon started (relay %s, batch %d, idle wait %d ms)",
                relaySettings.enabled() ? "on" : "off",
                relaySettings.batchSize(),
                relaySettings.idleWait().toMillis());
    }

    /**
     * Once caught up, the relay waits {@code support.relay.idle-wait} and reads the store again: what was stored
     * meanwhile is one batch. Following the store's in-memory tail instead made every event a batch of its own at
     * any rate below the relay's ceiling (a token update, a commit and a wait for the broker each), and the store's
     * own thread read each event back from PostgreSQL to hand it over: 27 % of ticket-service's CPU at 150 commands/s
     * (docs/benchmarks.md, session 27).
     */
    private TrackingEventProcessorConfiguration relayIdleWait(TrackingEventProcessorConfiguration config) {
        java.time.Duration wait = relaySettings.idleWait();
        return wait.isZero()
                ? config
                : config.andEventAvailabilityTimeout(
                        Math.max(1, wait.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (configuration != null) {
            configuration.shutdown();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Map<String, Object> props = new HashMap<>(KafkaClients.config(kafka.bootstrapServers(), Map.of()));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-relay");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // A broker outage shorter than this is ridden out inside the producer, with no duplicate at all.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @Produces
    public Configuration configuration() {
        return configuration;
    }

    @Produces
    public CommandGateway commandGateway() {
        return configuration.commandGateway();
    }

    @Produces
    public EventStore eventStore() {
        return configuration.eventStore();
    }

    @Produces
    public ProcessedCommands processedCommands() {
        return processedCommands;
    }

    public TransactionManager transactionManager() {
        return configuration.getComponent(TransactionManager.class);
    }

    /** The relay processor, for operations (and tests) that pause and resume it. */
    public TrackingEventProcessor relayProcessor() {
        return configuration
                .eventProcessingConfiguration()
                .eventProcessor(EventRelay.PROCESSOR, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("The relay is disabled"));
    }
}
