package com.supportdesk.contract.command;

public interface TicketCommand extends Command {
    String ticketId();

    @Override
    default String targetId() {
        return ticketId();
    }
}
