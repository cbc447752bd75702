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
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    /** A policy that cannot be used, naming the field ({@code targets[1].response}) and the reason. */
    public static final class InvalidPolicyException extends IllegalArgumentException {
        private final String field;
        private final String reason;

        public InvalidPolicyException(String field, String reason) {
            super(field + ": " + reason);
            this.field = field;
            this.reason = reason;
        }

        public String field() {
            return field;
        }

        public String reason() {
            return reason;
        }
    }

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

    /** A policy from its JSON (the policy files' format), or the field that is wrong and why. */
    public static SlaPolicy parse(String json) {
        try {
            return MAPPER.readValue(json, SlaPolicy.class);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : e.getPath()) {
                if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                } else if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                }
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String at = path.toString();
            if (root instanceof IllegalArgumentException && root.getMessage().contains(": ")) {
                String message = root.getMessage();
                String field = message.substring(0, message.indexOf(": "));
                String reason = message.substring(message.indexOf(": ") + 2);
                String first = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
                // the record names its own field; the path may already end with the first part of it
                if (at.equals(first) || at.endsWith("." + first)) {
                    at = at.substring(0, at.length() - first.length());
                    at = at.endsWith(".") ? at.substring(0, at.length() - 1) : at;
                }
                throw new InvalidPolicyException(at.isEmpty() ? field : at + "." + field, reason);
            }
            String reason = e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException
                    ? "is not a field of a policy"
                    : "is not valid here: " + e.getOriginalMessage();
            throw new InvalidPolicyException(at.isEmpty() ? "body" : at, reason);
        } catch (IOException e) {
            throw new InvalidPolicyException("body", "is not JSON: " + e.getMessage());
        }
    }

    /** The policy's JSON, as stored and published. */
    public static String json(SlaPolicy policy) {
        try {
            return MAPPER.writeValueAsString(policy);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every calendar a policy names exists: an id as it is, a template for every region ({@code exists}). */
    public static void checkCalendars(
            SlaPolicy policy,
            List<com.supportdesk.support.Regions.SupportRegion> regions,
            java.util.function.Predicate<String> exists) {
        for (int i = 0; i < policy.targets().size(); i++) {
            SlaPolicy.Target t = policy.targets().get(i);
            if (!t.calendar().contains("{region}") && !exists.test(t.calendar())) {
                throw new InvalidPolicyException(
                        "targets[" + i + "].calendar", "no calendar '" + t.calendar() + "' exists");
            }
            for (var r : regions) {
                String c = r.calendarFor(t.calendar(), exists);
                if (!exists.test(c)) {
                    throw new InvalidPolicyException(
                            "targets[" + i + "].calendar",
                            "'" + t.calendar() + "' is calendar '" + c + "' for region " + r.id()
                                    + ", which does not exist");
                }
            }
        }
    }

    /** The policy as another type of the same JSON shape (the contract's {@code PolicyDefinition}). */
    public static <T> T convert(SlaPolicy policy, Class<T> type) {
        return MAPPER.convertValue(policy, type);
    }

    /** These policies with {@code policy} added or replaced. */
    public SlaPolicies with(SlaPolicy policy) {
        Map<String, SlaPolicy> next = new LinkedHashMap<>(byId);
        next.put(policy.id(), policy);
        return new SlaPolicies(next);
    }

    /** These policies without {@code id}. */
    public SlaPolicies without(String id) {
        Map<String, SlaPolicy> next = new LinkedHashMap<>(byId);
        next.remove(id);
        return new SlaPolicies(next);
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
