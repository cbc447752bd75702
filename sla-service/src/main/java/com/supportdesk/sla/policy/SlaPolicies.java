package com.supportdesk.sla.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.supportdesk.calendar.Calendars;
import com.supportdesk.contract.model.Region;
import com.supportdesk.support.Regions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SLA policies, read from {@code policies/<id>.json} (class path, or a folder given in configuration) and checked
 * at start-up, including that every calendar they name exists for every region. Errors name the file and line.
 */
public final class SlaPolicies {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, SlaPolicy> byId;

    private SlaPolicies(Map<String, SlaPolicy> byId) {
        this.byId = byId;
    }

    /** Loads the policies {@code ids}: from {@code folder} when it holds {@code <id>.json}, else from the class path. */
    public static SlaPolicies load(List<String> ids, Optional<Path> folder, Calendars calendars) {
        Map<String, SlaPolicy> policies = new LinkedHashMap<>();
        for (String id : ids) {
            String file = "policies/" + id.trim() + ".json";
            String json = read(file, folder.map(f -> f.resolve(id.trim() + ".json")));
            SlaPolicy policy = parse(file, json);
            if (!policy.id().equals(id.trim())) {
                throw new IllegalArgumentException(file + ": id '" + policy.id() + "' does not match the file name");
            }
            for (SlaPolicy.Target t : policy.targets()) {
                for (Region r : Region.values()) {
                    String calendar = Regions.shipped(r).calendarFor(t.calendar(), x -> true);
                    if (calendars.byId(calendar).isEmpty()) {
                        throw new IllegalArgumentException(file + ": calendar '" + calendar + "' (from '" + t.calendar()
                                + "', region " + r + ") does not exist");
                    }
                }
            }
            policies.put(policy.id(), policy);
        }
        return new SlaPolicies(policies);
    }

    static SlaPolicy parse(String file, String json) {
        try {
            return MAPPER.readValue(json, SlaPolicy.class);
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String reason = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(file + (line > 0 ? " line " + line : "") + ": " + reason, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
        }
    }

    private static String read(String file, Optional<Path> external) {
        try {
            if (external.isPresent() && Files.exists(external.get())) {
                return Files.readString(external.get());
            }
            try (InputStream in = SlaPolicies.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalArgumentException(file + " not found (class path"
                            + external.map(p -> " or " + p).orElse("") + ")");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file, e);
        }
    }

    public Optional<SlaPolicy> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<SlaPolicy> all() {
        return List.copyOf(byId.values());
    }
}
