package com.supportdesk.portal.web;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is signed in, from the ID token Keycloak gave the portal: the user id the services record ({@code
 * preferred_username}), a name to greet, the account of a customer or designated contact, the realm roles, and the
 * {@code locale} claim when the user chose a language at Keycloak.
 */
public record Person(String userId, String name, String accountId, Set<String> roles, String locale) {
    public static final String CUSTOMER = "customer";
    public static final String CONTACT = "cdsc";

    static Person of(SecurityIdentity identity, JsonWebToken idToken) {
        String user = claim(idToken, "preferred_username");
        String given = claim(idToken, "given_name");
        return new Person(
                user == null ? identity.getPrincipal().getName() : user,
                given == null ? user : given,
                claim(idToken, "account_id"),
                identity.getRoles(),
                claim(idToken, "locale"));
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token == null ? null : token.getClaim(name);
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    /** A customer or a designated contact of a client account: the customer space is theirs. */
    public boolean isCustomerSide() {
        return accountId != null && (roles.contains(CUSTOMER) || roles.contains(CONTACT));
    }

    /** A designated contact: sees all of the account's tickets and may ask for priority handling. */
    public boolean isContact() {
        return roles.contains(CONTACT);
    }
}
