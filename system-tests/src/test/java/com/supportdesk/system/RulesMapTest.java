package com.supportdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md, the rule-by-rule map of the agreements, is true to the code: every test a row names exists as a test
 * method, every enforcing class and method exists in the main sources, and a row without a test says why it is left
 * out. Renaming a test or a method without updating the map fails the build.
 */
class RulesMapTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** A class (CamelCase) or a class and its method: Ticket, Ticket.handle. */
    static final Pattern REFERENCE = Pattern.compile("([A-Z][a-z][A-Za-z0-9]*)(?:\\.([a-zA-Z][A-Za-z0-9]*))?");

    record Row(String number, String rule, String enforcedIn, String test) {}

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/rules.md"))) {
            if (!line.matches("\\| \\d+ \\|.*")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            assertThat(cells).as(line).hasSize(7); // leading and trailing empty cells around five columns
            rows.add(new Row(cells[1].trim(), cells[3].trim(), cells[4].trim(), cells[5].trim()));
        }
        return rows;
    }

    /** Every Java file under src/{main,test}/java of every module, by simple class name. */
    static Map<String, List<Path>> sources(String kind) {
        Map<String, List<Path>> byName = new HashMap<>();
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            files.filter(p -> p.toString().endsWith(".java")
                            && p.toString().contains("/src/" + kind + "/java/")
                            && !p.toString().contains("/target/"))
                    .forEach(p -> byName.computeIfAbsent(
                                    p.getFileName().toString().replace(".java", ""), k -> new ArrayList<>())
                            .add(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName;
    }

    static boolean declares(List<Path> files, String method, boolean test) {
        Pattern declaration = test
                ? Pattern.compile("void\\s+" + Pattern.quote(method) + "\\s*\\(")
                : Pattern.compile("\\b" + Pattern.quote(method) + "\\s*\\(");
        return files != null
                && files.stream().anyMatch(f -> {
                    try {
                        return declaration.matcher(Files.readString(f)).find();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Test
    void everyRowNamesATestThatExistsOrSaysWhyNotAndWhereItIsEnforced() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).as("rows in docs/rules.md").hasSizeGreaterThan(30);
        Map<String, List<Path>> tests = sources("test");
        Map<String, List<Path>> main = sources("main");
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            if (row.rule().isBlank()) {
                wrong.add("row " + row.number() + " has no rule");
            }
            if (row.test().contains("left out")) {
                if (!row.test().matches("(?s).*left out\\*?:\\s*\\S.*")) {
                    wrong.add("row " + row.number() + " is left out without a reason");
                }
            } else {
                List<String> named = references(row.test());
                if (named.isEmpty()) {
                    wrong.add("row " + row.number() + " names no test and gives no reason");
                }
                for (String ref : named) {
                    String[] parts = ref.split("\\.");
                    if (parts.length != 2 || !declares(tests.get(parts[0]), parts[1], true)) {
                        wrong.add("row " + row.number() + ": no test method " + ref);
                    }
                }
            }
            for (String ref : references(row.enforcedIn())) {
                String[] parts = ref.split("\\.");
                List<Path> files = main.get(parts[0]);
                if (files == null) {
                    wrong.add("row " + row.number() + ": no class " + parts[0] + " in the main sources");
                } else if (parts.length == 2 && !declares(files, parts[1], false)) {
                    wrong.add("row " + row.number() + ": " + parts[0] + " has no method " + parts[1]);
                }
            }
        }
        assertThat(wrong).as("docs/rules.md disagrees with the code").isEmpty();
    }

    @Test
    void theCheckCatchesATestThatDoesNotExist() {
        Map<String, List<Path>> tests = sources("test");
        assertThat(declares(tests.get("TicketTest"), "openingGivesAReferenceAndMakesSev1And2PriorityByDefault", true))
                .isTrue();
        assertThat(declares(tests.get("TicketTest"), "aTestNobodyWrote", true)).isFalse();
        assertThat(references("`TicketTest.a`, `ClockRules` (`policies/standard.json`), `ENHANCEMENT_REQUEST`"))
                .containsExactly("TicketTest.a", "ClockRules");
    }

    /** The class and class.method references among a cell's code spans (paths and constants are not). */
    static List<String> references(String cell) {
        List<String> out = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            String span = code.group(1).trim();
            if (REFERENCE.matcher(span).matches()) {
                out.add(span);
            }
        }
        return out;
    }
}
