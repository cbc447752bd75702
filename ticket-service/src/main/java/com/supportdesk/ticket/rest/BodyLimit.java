package com.supportdesk.ticket.rest;

import com.supportdesk.support.rest.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;

/**
 * Refuses an oversized body before reading it, with a problem document (the HTTP layer's own limit, set higher in
 * application.properties, still guards bodies sent without a length).
 */
@jakarta.inject.Singleton
public class BodyLimit {

    @jakarta.inject.Inject
    com.supportdesk.ticket.config.TicketSettings.Http settings;

    @jakarta.inject.Inject
    com.supportdesk.ticket.config.TicketSettings.Attachments attachments;

    void install(@Observes Router router) {
        router.route().order(-100).handler(this::limit);
    }

    void limit(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        // an upload is a file, whose own limit applies (also while it streams, in AttachmentStore)
        long limit = "/api/attachments".equals(rc.normalizedPath()) ? attachments.maxBytes() : settings.maxBodyBytes();
        if (length != null) {
            try {
                if (Long.parseLong(length) > limit) {
                    rc.response()
                            .setStatusCode(413)
                            .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                            .putHeader(HttpHeaders.CONNECTION, "close")
                            .end("{\"type\":\"https://supportdesk.example/problems/payload-too-large\","
                                    + "\"title\":\"Payload too large\",\"status\":413,"
                                    + "\"detail\":\"The body has " + Long.parseLong(length)
                                    + " bytes; at most " + limit
                                    + (limit >= 1024 * 1024 ? " (" + limit / (1024 * 1024) + " MB)" : "")
                                    + " are accepted\"}");
                    return;
                }
            } catch (NumberFormatException e) {
                rc.response().setStatusCode(400).end();
                return;
            }
        }
        rc.next();
    }
}
