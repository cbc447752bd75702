package com.supportdesk.portal.web;

import com.supportdesk.portal.api.ApiProblem;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * What a page shows when the API refused what it needed to draw it: "not found" for a ticket this person may not see
 * (the same 404 whether it exists or not), "try again in a minute" when a service does not answer. Never a stack trace.
 */
@Provider
public class PortalErrors implements ExceptionMapper<ApiProblem> {
    private static final Logger LOG = Logger.getLogger(PortalErrors.class);

    @Inject
    Visit visit;

    @Override
    public Response toResponse(ApiProblem e) {
        Msg m = MessageBundles.get(
                Msg.class, Localized.Literal.of(visit.locale().toLanguageTag()));
        Chrome chrome = Chrome.of(visit, "none");
        if (e.status() == 404 || e.status() == 403) {
            return page(404, CustomerPages.Templates.notice(chrome, m.not_found_title(), m.not_found_text(), true));
        }
        if (e.status() < 500) {
            LOG.warnf("The API refused a page's read: %s", e.getMessage());
        }
        return Response.status(503)
                .header("Retry-After", "60")
                .entity(CustomerPages.Templates.notice(chrome, m.unavailable_title(), m.error_unavailable(), true)
                        .setLocale(visit.locale()))
                .type(MediaType.TEXT_HTML)
                .build();
    }

    private Response page(int status, io.quarkus.qute.TemplateInstance page) {
        return Response.status(status)
                .entity(page.setLocale(visit.locale()))
                .type(MediaType.TEXT_HTML)
                .build();
    }
}
