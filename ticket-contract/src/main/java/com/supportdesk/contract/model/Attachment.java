package com.supportdesk.contract.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;
import com.supportdesk.contract.OptionalField;

@Description("A file attached to a ticket or a message: its metadata only, never its bytes. Whoever may read the ticket"
        + " downloads it from GET /api/tickets/{ticketId}/attachments/{id}.")
public record Attachment(
        @Description("Attachment id (UUID), as POST /api/attachments answered it.") @MaxLength(64)
        String id,

        @Description("The name the file was uploaded with.") @MaxLength(255)
        String fileName,

        @Description("The media type found in the file's content (not its name), e.g. image/png.") @MaxLength(255)
        String mediaType,

        @Description("Size in bytes.") long size,

        @Description("SHA-256 of the content, lower-case hex.") @MaxLength(64)
        String sha256,

        @OptionalField
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Description("Only in webhook deliveries: the path to download the file from, under the platform's API"
                + " address (GET /api/tickets/{ticketId}/attachments/{id}, with a token that may read the ticket)."
                + " Absent from the events on the topics.")
        @MaxLength(255)
        String downloadPath) {

    /** The metadata as ticket-service records it (no download path: that is added for webhooks). */
    public Attachment(String id, String fileName, String mediaType, long size, String sha256) {
        this(id, fileName, mediaType, size, sha256, null);
    }
}
