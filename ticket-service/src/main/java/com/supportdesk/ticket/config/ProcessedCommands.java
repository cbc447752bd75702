package com.supportdesk.ticket.config;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Exactly-once effect for commands that carry an id (metadata {@code commandId}): the id is recorded in the same
 * transaction as the events the command produces. A second delivery finds it and changes nothing; it answers
 * {@link AlreadyProcessed} instead. A refused command records nothing, so a corrected retry is judged again.
 */
public final class ProcessedCommands implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String COMMAND_ID = "commandId";
    public static final String REQUEST_HASH = "requestHash";

    /** The answer to a command seen before. */
    public record AlreadyProcessed(String targetId, boolean sameRequest) {}

    private final AgroalDataSource dataSource;

    ProcessedCommands(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object id = command.getMetaData().get(COMMAND_ID);
        if (id == null) {
            return chain.proceed();
        }
        Object hash = command.getMetaData().get(REQUEST_HASH);
        String target = ((com.supportdesk.contract.command.Command) command.getPayload()).targetId();
        // Runs inside the command's JTA transaction: a concurrent duplicate waits on the key until this commits.
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO processed_command (command_id, request_hash, target_id) VALUES (?, ?, ?) "
                                + "ON CONFLICT (command_id) DO NOTHING")) {
            insert.setString(1, id.toString());
            insert.setString(2, hash == null ? null : hash.toString());
            insert.setString(3, target);
            if (insert.executeUpdate() == 0) {
                return find(id.toString(), hash == null ? null : hash.toString())
                        .orElseThrow();
            }
        }
        return chain.proceed();
    }

    /** What an earlier command with this id was for, if there was one. */
    public Optional<AlreadyProcessed> find(String commandId, String requestHash) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT target_id, request_hash FROM processed_command WHERE command_id = ?")) {
            q.setString(1, commandId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String stored = rs.getString(2);
                return Optional.of(new AlreadyProcessed(rs.getString(1), stored == null || stored.equals(requestHash)));
            }
        }
    }
}
