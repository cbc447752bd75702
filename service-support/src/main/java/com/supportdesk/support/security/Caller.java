package com.supportdesk.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.security.Principal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who calls, as the token says: user, realm roles, the client account a customer or designated contact belongs to
 * ({@code account_id}) and the accounts a partner is entitled to ({@code entitled_accounts}). The account rules of
 * every service are written against this one type.
 */
public record Caller(
        String userId, String name, String email, Set<String> roles, String accountId, Set<String> entitledAccounts) {

    public static final String ACCOUNT_CLAIM = "account_id";
    public static final String ENTITLED_CLAIM = "entitled_accounts";

    public Caller {
        roles = Set.copyOf(roles);
        entitledAccounts = Set.copyOf(entitledAccounts);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean hasAny(Collection<String> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** Vendor staff (or a platform service) see every account; everybody else is limited. */
    public boolean isVendor() {
        return hasAny(Roles.VENDOR);
    }

    /** The accounts this caller may see, or {@code null} when not limited (vendor side). */
    public Set<String> visibleAccounts() {
        if (isVendor()) {
            return null;
        }
        Set<String> accounts = new LinkedHashSet<>(entitledAccounts);
        if (accountId != null) {
            accounts.add(accountId);
        }
        return accounts;
    }

    /** Whether data of this account may be shown; callers answer 404 when not, so existence does not leak. */
    public boolean maySee(String account) {
        Set<String> visible = visibleAccounts();
        return visible == null || (account != null && visible.contains(account));
    }

    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Caller("anonymous", "anonymous", null, Set.of(), null, Set.of());
        }
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken jwt) {
            Object username = jwt.getClaim("preferred_username");
            String user = username == null ? jwt.getName() : unquote(username.toString());
            String email =
                    jwt.getClaim("email") == null ? null : jwt.getClaim("email").toString();
            return new Caller(
                    jwt.getSubject() == null ? user : jwt.getSubject(),
                    user,
                    email,
                    identity.getRoles(),
                    text(jwt.getClaim(ACCOUNT_CLAIM)),
                    strings(jwt.getClaim(ENTITLED_CLAIM)));
        }
        // identities not made from a token (tests with @TestSecurity): the same names as attributes
        return new Caller(
                principal.getName(),
                principal.getName(),
                null,
                identity.getRoles(),
                text(identity.getAttribute(ACCOUNT_CLAIM)),
                strings(identity.getAttribute(ENTITLED_CLAIM)));
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        String s = unquote(claim.toString());
        return s.isBlank() ? null : s;
    }

    private static Set<String> strings(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof Iterable<?> values) {
            values.forEach(v -> out.add(unquote(v.toString())));
        } else if (claim != null) {
            for (String part : claim.toString().split(",")) {
                if (!part.isBlank()) {
                    out.add(unquote(part.trim()));
                }
            }
        }
        return out;
    }

    /** JSON-P string values print with their quotes. */
    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
