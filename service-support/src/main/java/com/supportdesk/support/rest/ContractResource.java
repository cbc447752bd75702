package com.supportdesk.support.rest;

import com.supportdesk.contract.wire.Catalog;
import com.supportdesk.contract.wire.CatalogDocs;
import com.supportdesk.contract.wire.MessageType;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The event contract, served by every service for partners and their tools, without a token: {@code GET
 * /schemas/{type}.json} is the JSON Schema a record's {@code ce_dataschema} names, {@code GET /schemas/asyncapi.yaml}
 * the AsyncAPI document (its payload references resolve next to it), {@code GET /schemas/} the index. The bytes are
 * the committed files partners also find in the repository. Responses carry an ETag and may be cached for an hour
 * (a published type only grows compatibly, so a cached copy never misleads a reader).
 *
 * <p>At start-up the service also takes {@code support.events.schema-base} (where its records say the schemas are)
 * from its configuration.
 */
@Path("/schemas")
@PermitAll
@ApplicationScoped
public class ContractResource {
    private static final Logger LOG = Logger.getLogger(ContractResource.class);
    static final String CACHE = "public, max-age=3600";
    static final String SCHEMA_MEDIA_TYPE = "application/schema+json";
    static final String YAML = "application/yaml";

    @ConfigProperty(name = Catalog.SCHEMA_BASE_SETTING)
    Optional<String> schemaBase;

    private record Document(byte[] bytes, String mediaType, EntityTag tag) {}

    private final Map<String, Document> documents = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent ev) {
        schemaBase.ifPresent(Catalog::schemaBase);
        LOG.infof("Records name their schemas under %s", Catalog.schemaBase());
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file, @HeaderParam("If-None-Match") String ifNoneMatch) {
        Document d = documents.computeIfAbsent(file, this::load);
        if (d == null) {
            return Problem.of(
                            404,
                            "not-found",
                            "Not found",
                            "no published schema '" + file + "' (the index: " + "/schemas/)")
                    .response();
        }
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(d.tag().toString())
                        || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified(d.tag()).header("Cache-Control", CACHE).build();
        }
        return Response.ok(d.bytes(), d.mediaType())
                .tag(d.tag())
                .header("Cache-Control", CACHE)
                .header("Access-Control-Allow-Origin", "*")
                .build();
    }

    /** Every published type, its topic and where its schema is. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response index() {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("asyncapi", "asyncapi.yaml");
        List<Map<String, String>> types = new java.util.ArrayList<>();
        for (List<MessageType<?>> group : List.of(Catalog.events(), Catalog.commands())) {
            for (MessageType<?> t : group) {
                types.add(Map.of("type", t.type(), "topic", t.topic(), "schema", t.schemaFile()));
            }
        }
        index.put("types", types);
        return Response.ok(index)
                .header("Cache-Control", CACHE)
                .header("Access-Control-Allow-Origin", "*")
                .build();
    }

    private Document load(String file) {
        if ("asyncapi.yaml".equals(file)) {
            return document(CatalogDocs.asyncApi("./").getBytes(StandardCharsets.UTF_8), YAML);
        }
        boolean published = file.endsWith(".json")
                && Catalog.byType(file.substring(0, file.length() - ".json".length()))
                        .isPresent();
        if (!published) {
            return null;
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("schemas/" + file)) {
            return in == null ? null : document(in.readAllBytes(), SCHEMA_MEDIA_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(byte[] bytes, String mediaType) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Document(bytes, mediaType, new EntityTag(HexFormat.of().formatHex(hash, 0, 16)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
