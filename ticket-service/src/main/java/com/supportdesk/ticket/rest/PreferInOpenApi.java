package com.supportdesk.ticket.rest;

import static org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.STRING;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Documents the {@code Prefer} header ({@link Prefer}) on every ticket command of the generated OpenAPI document: the
 * resource reads it once for all of them, so no operation's signature names it.
 */
public class PreferInOpenApi implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            boolean command = path.equals("/api/tickets")
                    || (path.startsWith("/api/tickets/{id}/") && !path.contains("/attachments/"));
            if (command && item.getPOST() != null) {
                item.getPOST()
                        .addParameter(OASFactory.createParameter()
                                .name("Prefer")
                                .in(Parameter.In.HEADER)
                                .description(
                                        "return=minimal: answer without the ticket (204, or 201 with Location for an"
                                                + " opening), its version in ETag and Preference-Applied: return=minimal; without it"
                                                + " (or with return=representation) the answer is the ticket as the command left it")
                                .schema(OASFactory.createSchema().addType(STRING)));
            }
        });
    }
}
