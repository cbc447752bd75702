package com.supportdesk.ticket.command;

/** Hands out the human reference number a customer quotes (e.g. TKT-000042), at once on opening. */
public interface ReferenceNumbers {
    String next();
}
