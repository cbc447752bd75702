package com.supportdesk.ticket.config;

import com.supportdesk.contract.wire.Catalog;
import org.axonframework.serialization.RevisionResolver;

/**
 * Stored events get the revision of their catalogue type (the {@code vN} suffix), so a later version can be
 * upcast from the store without any framework annotation in the contract.
 */
final class CatalogRevisionResolver implements RevisionResolver {
    @Override
    public String revisionOf(Class<?> payloadType) {
        return Catalog.contains(payloadType) ? Catalog.of(payloadType).revision() : null;
    }
}
