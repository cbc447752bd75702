package com.supportdesk.ticket.command;

import com.supportdesk.contract.command.Command;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds the aggregate of a contract command through {@link Command#targetId()}, so the contract needs no Axon
 * annotation. An expected version in the metadata (REST {@code If-Match}) turns on optimistic concurrency.
 */
public final class CommandTargets implements CommandTargetResolver {

    public static final String EXPECTED_VERSION = "expectedVersion";

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (!(command.getPayload() instanceof Command c)) {
            throw new IllegalArgumentException("Not a contract command: " + command.getPayloadType());
        }
        Object version = command.getMetaData().get(EXPECTED_VERSION);
        return new VersionedAggregateIdentifier(
                c.targetId(), version == null ? null : Long.valueOf(version.toString()));
    }
}
