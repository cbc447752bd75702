package com.supportdesk.ticket.command;

import static com.supportdesk.support.security.Roles.*;
import static java.util.Map.entry;

import com.supportdesk.contract.command.*;
import io.quarkus.security.ForbiddenException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may send which command (docs/domain.md, "People and roles"), for REST and Kafka alike. A caller bound to a client
 * account (customer, designated contact) acts only on that account's tickets: another account's ticket is "not
 * found", so its existence does not leak. Partners read; they send no commands.
 */
public final class Permissions {

    static final Map<Class<? extends Command>, Set<String>> ALLOWED = Map.ofEntries(
            entry(OpenTicket.class, Set.of(CUSTOMER, CDSC, AGENT, ENGINEER)),
            entry(AddMessage.class, Set.of(CUSTOMER, CDSC, AGENT, ENGINEER)),
            entry(AddInternalNote.class, Set.of(AGENT, ENGINEER)),
            entry(RequestSeverityReview.class, Set.of(CUSTOMER, CDSC)),
            entry(RequestPriorityHandling.class, Set.of(CDSC)),
            entry(GrantPriorityHandling.class, Set.of(SERVICE, AGENT)),
            entry(RefusePriorityHandling.class, Set.of(SERVICE, AGENT)),
            entry(AcknowledgeTicket.class, Set.of(AGENT, ENGINEER)),
            entry(ReclassifySeverity.class, Set.of(AGENT, ENGINEER)),
            entry(TransferTicket.class, Set.of(AGENT, ENGINEER, SERVICE)),
            entry(EscalateTicket.class, Set.of(AGENT, ENGINEER, SAM, SERVICE)),
            entry(PutTicketOnHold.class, Set.of(AGENT, ENGINEER)),
            entry(ResumeTicket.class, Set.of(AGENT, ENGINEER)),
            entry(ResolveTicket.class, Set.of(AGENT, ENGINEER)),
            entry(ConfirmResolution.class, Set.of(CUSTOMER, CDSC)),
            entry(RejectResolution.class, Set.of(CUSTOMER, CDSC)),
            entry(CloseTicket.class, Set.of(AGENT, ENGINEER, SERVICE)),
            entry(FlagScope.class, Set.of(AGENT, ENGINEER)),
            entry(DeclareOutage.class, Set.of(OPS)),
            entry(EndOutage.class, Set.of(OPS)),
            entry(ScheduleMaintenance.class, Set.of(OPS)),
            entry(CancelMaintenance.class, Set.of(OPS)),
            entry(RegisterAccount.class, Set.of(ADMIN)),
            entry(UpdateAccount.class, Set.of(ADMIN)),
            entry(ChangeOutageNotificationList.class, Set.of(CDSC, ADMIN)));

    private Permissions() {}

    /** Thrown when the target belongs to an account the caller may not see; answered as "not found". */
    public static final class NotVisible extends RuntimeException {
        public NotVisible(String targetId) {
            super("No such ticket or account: " + targetId, null, false, false);
        }
    }

    /**
     * @param accountOfTicket the account a ticket belongs to (empty when there is no such ticket: the aggregate
     *                        then answers "not found" itself)
     * @throws ForbiddenException when the role does not allow the command
     * @throws NotVisible         when the ticket belongs to another account
     */
    public static void check(Command command, Actor actor, Function<String, Optional<String>> accountOfTicket) {
        Set<String> allowed = ALLOWED.get(command.getClass());
        if (allowed == null || actor.roles().stream().noneMatch(allowed::contains)) {
            throw new ForbiddenException(
                    command.getClass().getSimpleName() + " needs one of the roles " + sorted(allowed));
        }
        if (actor.isVendor()) {
            return;
        }
        if (command instanceof OpenTicket open) {
            if (!open.accountId().equals(actor.accountId())) {
                throw new ForbiddenException("You may open tickets only for your own account");
            }
        } else if (command instanceof ChangeOutageNotificationList list) {
            if (!list.accountId().equals(actor.accountId())) {
                throw new NotVisible(list.accountId());
            }
        } else if (command instanceof TicketCommand t) {
            Optional<String> account = accountOfTicket.apply(t.ticketId());
            if (account.isPresent() && !account.get().equals(actor.accountId())) {
                throw new NotVisible(t.ticketId());
            }
        }
    }

    private static String sorted(Set<String> roles) {
        return roles == null ? "[]" : roles.stream().sorted().toList().toString();
    }
}
