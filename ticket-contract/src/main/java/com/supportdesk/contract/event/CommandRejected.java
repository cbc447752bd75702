package com.supportdesk.contract.event;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.OptionalField;
import java.time.Instant;

@Description("A command was refused. Tells the sender why (invalid input, unknown target, illegal transition), "
        + "so a command sent on Kafka never fails silently.")
public record CommandRejected(
        @Description("The ticket, outage or account the command was for (also the Kafka key and ce_subject).")
        String targetId,

        @OptionalField String accountId,

        @Description("CloudEvents type of the refused command.")
        String commandType,

        @OptionalField @Description("Id of the refused command (its ce_id).")
        String commandId,

        @Description("Machine-readable reason: invalid, not-found, conflict, forbidden, malformed.")
        String code,

        @Description("What was wrong, for a person.") String detail,

        @Description("User id of who sent the command, when known.") @OptionalField
        String by,

        Instant at) {}
