package com.supportdesk.ticket.command;

import com.supportdesk.support.security.Caller;
import com.supportdesk.support.security.Roles;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.messaging.MetaData;

/**
 * Who sends a command. Travels as command metadata so the aggregate can record it and, with the roles, apply the
 * authorisation rules.
 */
public record Actor(String userId, Set<String> roles, String accountId, String email) {

    public static final String USER = "actor";
    public static final String ROLES = "actorRoles";
    public static final String ACCOUNT = "actorAccount";
    public static final String EMAIL = "actorEmail";

    public Actor(String userId, Set<String> roles, String accountId) {
        this(userId, roles, accountId, null);
    }

    /** The caller of a REST request or the sender of a Kafka command, as its verified token says. */
    public static Actor of(Caller caller) {
        return new Actor(caller.name(), caller.roles(), caller.accountId(), caller.email());
    }

    /** Vendor staff or a platform service: not bound to one client account. */
    public boolean isVendor() {
        return roles.stream().anyMatch(Roles.VENDOR::contains);
    }

    public boolean isCustomerSide() {
        return roles.contains("customer") || roles.contains("cdsc");
    }

    public MetaData toMetaData() {
        return MetaData.from(Map.of(
                USER,
                userId,
                ROLES,
                String.join(",", roles),
                ACCOUNT,
                accountId == null ? "" : accountId,
                EMAIL,
                email == null ? "" : email));
    }

    public static Actor from(MetaData metaData) {
        Object user = metaData.get(USER);
        Object roles = metaData.get(ROLES);
        Object account = metaData.get(ACCOUNT);
        Object email = metaData.get(EMAIL);
        return new Actor(
                user == null ? "unknown" : user.toString(),
                roles == null || roles.toString().isBlank()
                        ? Set.of()
                        : Arrays.stream(roles.toString().split(",")).collect(Collectors.toUnmodifiableSet()),
                account == null || account.toString().isBlank() ? null : account.toString(),
                email == null || email.toString().isBlank() ? null : email.toString());
    }
}
