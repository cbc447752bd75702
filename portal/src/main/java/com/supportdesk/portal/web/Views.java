package com.supportdesk.portal.web;

import java.util.List;

/** The data of the customer pages' templates (type-checked by Qute). */
public final class Views {
    private Views() {}

    /** A file attached to the ticket or a message: the portal's link to it, its name and size. */
    public record FileLink(String href, String name, String size) {}

    /** A row of a ticket list. */
    public record Row(String id, String reference, String title, String kind, String state, String changed) {}

    /** Another filter that has tickets, for an empty list's hint ("12 under Closed"). */
    public record Elsewhere(String text, String href) {}

    /** A filter or scope link of the list, and whether it is the current one. */
    public record Choice(String label, String href, boolean current) {}

    public record TicketList(
            String heading,
            String caption,
            List<Choice> filters,
            List<Choice> scopes,
            List<Row> rows,
            String emptyText,
            List<Elsewhere> elsewhere,
            String olderHref,
            String newestHref,
            String liveHref,
            String query,
            String scope) {}

    /** The new-ticket form as it was sent (or blank), and the problem to show beside a field. */
    public record NewTicketForm(
            String kind,
            String application,
            List<String> applications,
            String title,
            String description,
            String urgency,
            List<String> urgencies,
            String followUpOf,
            String followUpReference,
            String idempotencyKey,
            String filesHint,
            String errorField,
            String errorText) {
        public boolean incident() {
            return !"SERVICE_REQUEST".equals(kind);
        }

        public boolean errorOn(String field) {
            return errorText != null && field.equals(errorField);
        }

        /** A problem that names no field of the form, shown above it. */
        public boolean generalError() {
            return errorText != null
                    && (errorField == null
                            || !List.of("kind", "application", "title", "description", "urgency", "files")
                                    .contains(errorField));
        }
    }

    public record Message(String who, boolean fromCustomer, String at, String body, List<FileLink> files) {}

    /** One ticket as its customer reads it; {@code liveHref} polls for changes. */
    public record TicketPage(
            String id,
            String reference,
            String title,
            String kind,
            String state,
            String severity,
            String urgency,
            String application,
            String opened,
            String followUpOfId,
            String followUpOfReference,
            String description,
            List<FileLink> attachments,
            String serviceLevel,
            String solution,
            List<Message> messages,
            boolean open,
            boolean resolved,
            boolean closed,
            boolean mayRequestPriority,
            boolean priority,
            boolean priorityRequested,
            String version,
            /** A fresh id for the next message, so that a form sent twice adds it once. */
            String newMessageId,
            String liveHref,
            String messageDraft,
            String rejectDraft,
            String notice,
            String filesHint,
            String errorField,
            String errorText) {
        public boolean errorOn(String field) {
            return errorText != null && field.equals(errorField);
        }

        /** A problem that is not about the files, shown above the page. */
        public boolean generalError() {
            return errorText != null && !"files".equals(errorField);
        }
    }
}
