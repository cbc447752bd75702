package com.supportdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The alert rules, checked and unit-tested by Prometheus' own promtool (Debian's {@code prometheus} package; .ci/run
 * installs it): the rules parse, and each fires on the series its test feeds it, and only then. Without promtool the
 * test is skipped on a developer's machine and fails on CI.
 */
class AlertRulesTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void theRulesParse() throws Exception {
        String out = promtool("check", "rules", AlertRules.RULES.getFileName().toString());
        assertThat(out).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void eachRuleFiresOnItsTestSeriesAndOnlyThen() throws Exception {
        String out = promtool("test", "rules", AlertRules.TESTS.getFileName().toString());
        assertThat(out).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void theLocalStacksPrometheusConfigurationIsValidAndLoadsTheRules() throws Exception {
        String out = promtool("check", "config", "prometheus.yml");
        long rules = Files.readAllLines(AlertRules.RULES).stream()
                .filter(l -> l.trim().startsWith("- alert:"))
                .count();
        assertThat(out).contains("is valid prometheus config file").contains(rules + " rules found");
    }

    @Test
    void theDashboardsPanelsEachQueryPrometheus() throws Exception {
        com.fasterxml.jackson.databind.JsonNode dashboard =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(AlertRules.DASHBOARD.toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("support-platform-ops");
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("targets")).isNotEmpty();
        });
        List<String> expressions = AlertRules.dashboardExpressions();
        int targets = 0;
        for (com.fasterxml.jackson.databind.JsonNode panel : dashboard.path("panels")) {
            targets += panel.path("targets").size();
        }
        assertThat(expressions)
                .as("one query per target of every panel")
                .hasSize(targets)
                .allSatisfy(e -> assertThat(e).isNotBlank());
        // and each parses: promtool checks a rule file made of the dashboard's queries
        Path rules = Files.createTempFile(AlertRules.DIR.toAbsolutePath(), "dashboard-queries-", ".yml");
        try {
            StringBuilder yaml = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
            for (int i = 0; i < expressions.size(); i++) {
                yaml.append("      - record: dashboard:panel")
                        .append(i + 1)
                        .append("\n        expr: '")
                        .append(expressions.get(i).replace("'", "''"))
                        .append("'\n");
            }
            Files.writeString(rules, yaml);
            assertThat(promtool("check", "rules", rules.getFileName().toString()))
                    .contains(expressions.size() + " rules found");
        } finally {
            Files.deleteIfExists(rules);
        }
    }

    @Test
    void everyRuleHasATest() throws Exception {
        String tests = Files.readString(AlertRules.TESTS);
        for (String line : Files.readAllLines(AlertRules.RULES)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("- alert:")) {
                String name = trimmed.substring("- alert:".length()).trim();
                assertThat(tests).as("a promtool test of " + name).contains("alertname: " + name);
            }
        }
    }

    @Test
    void theRulesNameTheMetricsTheServicesExport() throws Exception {
        // what MetricsContractSystemTest looks for on the running services; here only that the list is not empty
        assertThat(AlertRules.metrics())
                .contains(
                        "support_consumer_delay_seconds_bucket",
                        "support_outbox_oldest_age_seconds",
                        "notification_deliveries_total")
                .doesNotContain("up", "rate", "service", "le");
    }

    private static String promtool(String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(PROMTOOL)) {
            String missing = "promtool missing (" + PROMTOOL + "): install Debian's prometheus package (.ci/run does)";
            if (com.supportdesk.testinfra.Chromium.onCi()) { // the one CI check, test-infra's
                throw new AssertionError(missing + "; on CI the alert rules' tests must run");
            }
            Assumptions.assumeTrue(false, missing);
        }
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .directory(AlertRules.DIR.toFile())
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish in 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
