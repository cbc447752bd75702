package com.supportdesk.contract.model;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;
import java.util.List;

@Description(
        "One line of a contract's standard scope: requests about this application (any when absent) of these kinds (any when absent) are standard support.")
public record ScopeItem(
        @OptionalField
        @Description("Application or service, as tickets name it; absent: every application.")
        @MaxLength(100)
        String application,

        @OptionalField @Description("Kinds of request covered; absent or empty: every kind.") @MaxLength(2)
        List<TicketKind> kinds,

        @OptionalField @Description("What the line covers, in the contract's words.") @MaxLength(500)
        String description) {

    /** Whether a ticket of this kind about this application falls under this line. */
    public boolean covers(TicketKind kind, String ticketApplication) {
        boolean app = application == null
                || (ticketApplication != null && application.equalsIgnoreCase(ticketApplication.trim()));
        return app && (kinds == null || kinds.isEmpty() || kinds.contains(kind));
    }
}
