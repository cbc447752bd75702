package com.supportdesk.escalation.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The escalation terms of every plan, from {@code escalation/policies.json}; a plan not listed gets the default. */
public final class EscalationPolicies {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, EscalationPolicy> byPlan;
    private final EscalationPolicy fallback;

    private EscalationPolicies(Map<String, EscalationPolicy> byPlan, String defaultPlan) {
        this.byPlan = byPlan;
        this.fallback = byPlan.get(defaultPlan);
        if (fallback == null) {
            throw new IllegalArgumentException("default plan '" + defaultPlan + "' is not in " + byPlan.keySet());
        }
    }

    public static EscalationPolicies shipped(String defaultPlan) {
        try (InputStream in =
                EscalationPolicies.class.getClassLoader().getResourceAsStream("escalation/policies.json")) {
            if (in == null) {
                throw new IllegalStateException("escalation/policies.json is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), defaultPlan);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read escalation/policies.json", e);
        }
    }

    public static EscalationPolicies parse(String json, String defaultPlan) {
        EscalationPolicy[] list;
        try {
            list = MAPPER.readValue(json, EscalationPolicy[].class);
        } catch (IOException e) {
            throw new IllegalArgumentException("escalation policies: " + e.getMessage(), e);
        }
        Map<String, EscalationPolicy> byPlan = new LinkedHashMap<>();
        for (EscalationPolicy p : list) {
            if (p.plan() == null || byPlan.put(p.plan(), p) != null) {
                throw new IllegalArgumentException("escalation policies: plan missing or listed twice: " + p.plan());
            }
        }
        return new EscalationPolicies(byPlan, defaultPlan);
    }

    public EscalationPolicy forPlan(String plan) {
        return plan == null ? fallback : byPlan.getOrDefault(plan, fallback);
    }

    public List<EscalationPolicy> all() {
        return List.copyOf(byPlan.values());
    }
}
