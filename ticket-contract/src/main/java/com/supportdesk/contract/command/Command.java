package com.supportdesk.contract.command;

/** A request to change one aggregate (a ticket, an outage or an account), named in the imperative. */
public interface Command {
    /** Identifier of the aggregate the command is for; also the Kafka key on {@code ticket-commands}. */
    String targetId();
}
