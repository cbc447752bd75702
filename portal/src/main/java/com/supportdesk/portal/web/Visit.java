package com.supportdesk.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.supportdesk.contract.model.SupportLanguage;
import com.supportdesk.portal.api.Api;
import com.supportdesk.portal.api.ApiProblem;
import com.supportdesk.portal.api.TicketsApi;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One request of a signed-in person: who they are, their account as the API describes it, the language and time zone
 * of the page, and the session's CSRF token.
 */
@RequestScoped
public class Visit {
    /** Accounts change rarely; each is asked again after this long. */
    private static final long ACCOUNT_TTL_MILLIS = 60_000;

    private static final Map<String, Cached> ACCOUNTS = new ConcurrentHashMap<>();

    /** The zones of the shipped regions, until the browser has told its own (the tz cookie). */
    private static final Map<String, String> REGION_ZONES =
            Map.of("EUROPE", "Europe/Brussels", "ASIA", "Asia/Manila", "AMERICAS", "America/Chicago");

    private record Cached(JsonNode account, long at) {}

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken idToken;

    @Inject
    RoutingContext http;

    @Inject
    Csrf csrf;

    @Inject
    @RestClient
    TicketsApi tickets;

    private Person person;
    private JsonNode account;
    private Locale locale;
    private ZoneId zone;

    public Person person() {
        if (person == null) {
            person = Person.of(identity, idToken);
        }
        return person;
    }

    /** The next read of the account asks the API again (after a change made through this portal). */
    public void forgetAccount() {
        if (person().accountId() != null) {
            ACCOUNTS.remove(person().accountId());
        }
        account = null;
    }

    /** The account's profile ({@code GET /api/accounts/{id}}), or an empty node when it cannot be read. */
    public JsonNode account() {
        if (account == null) {
            String id = person().accountId();
            Cached cached = id == null ? null : ACCOUNTS.get(id);
            if (cached != null && System.currentTimeMillis() - cached.at() < ACCOUNT_TTL_MILLIS) {
                account = cached.account();
            } else if (id != null) {
                try {
                    account = Api.call(() -> tickets.account(id)).body().path("profile");
                    ACCOUNTS.put(id, new Cached(account, System.currentTimeMillis()));
                } catch (ApiProblem e) {
                    account = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
                }
            } else {
                account = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
        }
        return account;
    }

    public Locale locale() {
        if (locale == null) {
            SupportLanguage accountLanguage = person().accountId() == null
                    ? null
                    : Language.supported(account().path("language").asText(null));
            locale = Language.choose(
                    person().locale(), accountLanguage, http.request().getHeader("Accept-Language"));
        }
        return locale;
    }

    /** The browser's zone (the tz cookie portal.js sets), else the account's region's, else UTC. */
    public ZoneId zone() {
        if (zone == null) {
            var cookie = http.request().getCookie("tz");
            zone = parse(cookie == null ? null : cookie.getValue());
            if (zone == null) {
                zone = parse(REGION_ZONES.get(account().path("region").asText("")));
            }
            if (zone == null) {
                zone = ZoneId.of("UTC");
            }
        }
        return zone;
    }

    private static ZoneId parse(String id) {
        if (id == null || id.isBlank() || id.length() > 64) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A moment as the person reads it: their language, their zone. */
    public String when(Instant at, FormatStyle date) {
        if (at == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(date, FormatStyle.SHORT)
                .withLocale(locale())
                .withZone(zone())
                .format(at);
    }

    public String when(String at, FormatStyle date) {
        if (at == null || at.isBlank()) {
            return "";
        }
        try {
            return when(Instant.parse(at), date);
        } catch (DateTimeException e) {
            return at;
        }
    }

    /** The session's CSRF token, for the forms of the page. */
    public String csrfToken() {
        return csrf.token(person().userId(), sessionStart());
    }

    public boolean csrfValid(String posted) {
        return csrf.valid(posted, person().userId(), sessionStart());
    }

    private String sessionStart() {
        Object authTime = idToken.getClaim("auth_time");
        return String.valueOf(authTime != null ? authTime : idToken.getIssuedAtTime());
    }

    /** The standard-scope application lines of the account (for the new-ticket form), possibly none. */
    public List<String> applications() {
        return toList(account().path("applications"));
    }

    private static List<String> toList(JsonNode array) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
