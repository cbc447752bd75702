package com.supportdesk.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.supportdesk.portal.api.Api;
import com.supportdesk.portal.api.ApiProblem;
import com.supportdesk.portal.api.TicketsApi;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * A designated contact's page of their account: who is told about unplanned outages and planned maintenance (the
 * account's outage notification list, {@code PUT /api/accounts/{id}/outage-notification-list}). The API decides
 * who may change it; a customer sees a page that says only the contacts can.
 */
@Path("/account")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AccountPages {
    private static final ObjectMapper JSON = new ObjectMapper();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance outages(
                Chrome chrome, String addresses, String saved, String errorField, String errorText);
    }

    @Inject
    Visit visit;

    @Inject
    @RestClient
    TicketsApi tickets;

    Msg msg() {
        return MessageBundles.get(Msg.class, Localized.Literal.of(visit.locale().toLanguageTag()));
    }

    Response page(int status, String addresses, String saved, String errorField, String errorText) {
        return Response.status(status)
                .entity(Templates.outages(Chrome.of(visit, "account"), addresses, saved, errorField, errorText)
                        .setLocale(visit.locale()))
                .build();
    }

    Response notAContact() {
        Msg m = msg();
        return Response.status(403)
                .entity(CustomerPages.Templates.notice(
                                Chrome.of(visit, "none"), m.account_title(), m.contacts_only(), true)
                        .setLocale(visit.locale()))
                .build();
    }

    @GET
    public Response outages(@QueryParam("saved") Integer saved) {
        if (!visit.person().isCustomerSide()) {
            return notAContact();
        }
        if (!visit.person().isContact()) {
            return notAContact();
        }
        List<String> list = new ArrayList<>();
        visit.account().path("outageNotificationList").forEach(a -> list.add(a.asText()));
        return page(200, String.join("\n", list), saved == null ? null : msg().outage_list_saved(saved), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(@FormParam("csrf") String csrf, @FormParam("addresses") String addresses) {
        if (!visit.person().isCustomerSide() || !visit.person().isContact()) {
            return notAContact();
        }
        String text = addresses == null ? "" : addresses;
        if (!visit.csrfValid(csrf)) {
            return page(403, text, null, null, msg().error_session());
        }
        List<String> list =
                text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        ObjectNode body = JSON.createObjectNode();
        list.forEach(body.putArray("addresses")::add);
        try {
            JsonNode changed = Api.call(() -> tickets.outageList(visit.person().accountId(), body))
                    .body();
            visit.forgetAccount();
            int count = changed.path("profile").path("outageNotificationList").size();
            return Response.seeOther(URI.create("/account?saved=" + count)).build();
        } catch (ApiProblem e) {
            String error = e.status() >= 500 ? msg().error_unavailable() : e.detail();
            java.util.regex.Matcher line = e.field() == null
                    ? null
                    : java.util.regex.Pattern.compile("addresses\\[(\\d+)]").matcher(e.field());
            if (line != null && line.matches() && Integer.parseInt(line.group(1)) < list.size()) {
                // the line the person wrote, in their language, rather than the API's field path
                int i = Integer.parseInt(line.group(1));
                error = msg().outage_list_bad_line(i + 1, list.get(i));
            }
            return page(e.status() >= 500 ? 503 : e.status(), text, null, "addresses", error);
        }
    }
}
