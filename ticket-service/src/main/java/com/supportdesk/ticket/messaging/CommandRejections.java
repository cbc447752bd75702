package com.supportdesk.ticket.messaging;

import com.supportdesk.contract.event.CommandRejected;
import com.supportdesk.ticket.config.AxonSetup;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventhandling.GenericEventMessage;

/**
 * Stores a rejection in the event store (outside any aggregate's history) so the relay publishes it like every other
 * event: durable, in order, at least once. A redelivered bad command is reported once.
 */
@ApplicationScoped
public class CommandRejections {

    @Inject
    AxonSetup axon;

    @Inject
    AgroalDataSource dataSource;

    public void publishOnce(CommandRejected rejected) {
        axon.transactionManager().executeInTransaction(() -> {
            if (rejected.commandId() != null && !firstTime("rejected:" + rejected.commandId(), rejected.targetId())) {
                return;
            }
            axon.eventStore().publish(GenericEventMessage.asEventMessage(rejected));
        });
    }

    private boolean firstTime(String key, String target) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO processed_command (command_id, target_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, key);
            s.setString(2, target);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record a rejection", e);
        }
    }
}
