package com.supportdesk.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The {@link Caller} of the current request (the identity is request-scoped; this bean is not). */
@ApplicationScoped
public class Callers {
    @Inject
    SecurityIdentity identity;

    public Caller current() {
        return Caller.of(identity);
    }
}
