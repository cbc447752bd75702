package com.supportdesk.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations team's alert rules (deploy/observability/alerts.yml) and Grafana dashboard (grafana-dashboard.json),
 * and the metric names their expressions use.
 */
final class AlertRules {
    static final Path DIR = Path.of("..", "deploy", "observability");
    static final Path RULES = DIR.resolve("alerts.yml");
    static final Path TESTS = DIR.resolve("alerts-test.yml");
    static final Path DASHBOARD = DIR.resolve("grafana-dashboard.json");

    /** PromQL's words that are not metrics: functions, aggregations, operators, modifiers. */
    private static final Set<String> PROMQL = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "count",
            "rate",
            "irate",
            "increase",
            "delta",
            "deriv",
            "histogram_quantile",
            "by",
            "without",
            "and",
            "or",
            "unless",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "offset",
            "bool",
            "abs",
            "absent",
            "clamp_min",
            "clamp_max",
            "time",
            "vector",
            "scalar");
    /** Series Prometheus makes itself rather than scrapes. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds");

    private static final Pattern IDENT = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private AlertRules() {}

    /** The expressions of every rule, folded blocks joined. */
    static List<String> expressions() throws IOException {
        List<String> lines = Files.readAllLines(RULES);
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.trim();
            if (!trimmed.startsWith("expr:")) {
                continue;
            }
            String rest = trimmed.substring("expr:".length()).trim();
            if (!rest.equals(">") && !rest.equals("|")) {
                out.add(rest);
                continue;
            }
            int indent = line.indexOf("expr:");
            StringBuilder folded = new StringBuilder();
            while (i + 1 < lines.size() && (lines.get(i + 1).isBlank() || leading(lines.get(i + 1)) > indent)) {
                folded.append(' ').append(lines.get(++i).trim());
            }
            out.add(folded.toString().trim());
        }
        return out;
    }

    /** The expressions of every panel of the dashboard. */
    static List<String> dashboardExpressions() throws IOException {
        List<String> out = new java.util.ArrayList<>();
        com.fasterxml.jackson.databind.JsonNode dashboard =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(DASHBOARD.toFile());
        for (com.fasterxml.jackson.databind.JsonNode panel : dashboard.path("panels")) {
            for (com.fasterxml.jackson.databind.JsonNode target : panel.path("targets")) {
                out.add(target.path("expr").asText());
            }
        }
        return out;
    }

    /**
     * The metric names the rules and the dashboard read (label matchers, grouping labels, durations and strings left
     * out).
     */
    static Set<String> metrics() throws IOException {
        Set<String> names = new TreeSet<>();
        List<String> all = new java.util.ArrayList<>(expressions());
        all.addAll(dashboardExpressions());
        for (String expr : all) {
            String bare = expr.replaceAll("\\{[^}]*}", " ") // label matchers
                    .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " ") // grouping labels
                    .replaceAll("\\[[^]]*]", " ") // ranges
                    .replaceAll("\"[^\"]*\"", " ");
            Matcher m = IDENT.matcher(bare);
            while (m.find()) {
                String word = m.group();
                if (!PROMQL.contains(word) && !PROMETHEUS_OWN.contains(word)) {
                    names.add(word);
                }
            }
        }
        return names;
    }

    private static int leading(String s) {
        int n = 0;
        while (n < s.length() && s.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
