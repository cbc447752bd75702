package com.supportdesk.contract.model;

import com.supportdesk.contract.Description;
import com.supportdesk.contract.MaxLength;

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
        String sha256) {}
