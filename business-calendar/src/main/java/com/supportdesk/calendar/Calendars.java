package com.supportdesk.calendar;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The support calendars, read from JSON files and checked at start-up. A mistake stops the start with the file,
 * the line and what is wrong, e.g. {@code calendars/europe.json line 4: unknown time zone 'Europe/Brusels'}.
 */
public final class Calendars {

    /** The calendars shipped with the platform (docs/domain.md): the three regions, the tiered agreement, 24/7. */
    public static final List<String> SHIPPED =
            List.of("asia", "europe", "americas", "tiered-europe", "tiered-americas", "tiered-asia", "always-open");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private volatile Map<String, BusinessCalendar> byId;
    /** The definitions the calendars were built from (to rebuild those taking their holidays from a changed one). */
    private volatile Map<String, CalendarFile> definitions;

    private Calendars(Map<String, BusinessCalendar> byId, Map<String, CalendarFile> definitions) {
        this.byId = ordered(byId);
        this.definitions = ordered(definitions);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * Takes a new version of one calendar, or its deletion ({@code definition} null), while the calendars are in use:
     * the calendar and those taking their holidays from it are built again and replaced at once. Readers see either
     * the old or the new set, never half of it.
     *
     * @throws InvalidCalendarException when the new version cannot be built; nothing changes then
     */
    public synchronized void apply(String id, CalendarFile definition) {
        Map<String, CalendarFile> defs = new LinkedHashMap<>(definitions);
        Map<String, BusinessCalendar> built = new LinkedHashMap<>(byId);
        if (definition == null) {
            defs.remove(id);
            built.remove(id);
        } else {
            defs.put(id, definition);
        }
        for (String a : affectedBy(defs, id)) {
            CalendarFile f = defs.get(a);
            if (f != null) {
                built.put(a, build(f, other -> Optional.ofNullable(defs.get(other))));
            }
        }
        this.definitions = ordered(defs);
        this.byId = ordered(built);
    }

    /**
     * The calendar {@code id} and every one among {@code definitions} taking its holidays from it, directly or
     * through another: those a change of {@code id} builds again.
     */
    public static java.util.Set<String> affectedBy(Map<String, CalendarFile> definitions, String id) {
        java.util.Set<String> affected = new java.util.LinkedHashSet<>();
        affected.add(id);
        for (boolean grew = true; grew; ) {
            grew = false;
            for (CalendarFile f : definitions.values()) {
                if (f.holidaysOf() != null && affected.contains(f.holidaysOf()) && affected.add(f.id())) {
                    grew = true;
                }
            }
        }
        return affected;
    }

    /** The definition a calendar was built from. */
    public Optional<CalendarFile> definitionOf(String id) {
        return Optional.ofNullable(definitions.get(id));
    }

    /** The shipped calendars' definitions, from the class path, in {@link #SHIPPED} order. */
    public static Map<String, CalendarFile> shippedDefinitions() {
        Map<String, CalendarFile> out = new LinkedHashMap<>();
        for (String id : SHIPPED) {
            String file = "calendars/" + id + ".json";
            try (InputStream in = Calendars.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException(file + " is missing from the class path");
                }
                out.put(id, read(file, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file, e);
            }
        }
        return out;
    }

    /** The shipped calendars, from the class path. */
    public static Calendars shipped() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String id : SHIPPED) {
            String file = "calendars/" + id + ".json";
            try (InputStream in = Calendars.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException(file + " is missing from the class path");
                }
                sources.put(file, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + file, e);
            }
        }
        return parse(sources);
    }

    /** Calendars from file name -> JSON text; {@code holidaysOf} may refer to any of them. */
    public static Calendars parse(Map<String, String> sources) {
        Map<String, CalendarFile> files = new LinkedHashMap<>();
        Map<String, String> fileOf = new LinkedHashMap<>();
        for (var source : sources.entrySet()) {
            CalendarFile file = read(source.getKey(), source.getValue());
            if (files.put(file.id(), file) != null) {
                throw new IllegalArgumentException(source.getKey() + ": calendar id '" + file.id()
                        + "' is already used by " + fileOf.get(file.id()));
            }
            fileOf.put(file.id(), source.getKey());
        }
        Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        Map<String, CalendarFile> definitions = new LinkedHashMap<>();
        for (CalendarFile file : files.values()) {
            definitions.put(file.id(), file);
            List<HolidayRule> inherited = new ArrayList<>();
            if (file.holidaysOf() != null) {
                CalendarFile other = files.get(file.holidaysOf());
                if (other == null) {
                    throw new IllegalArgumentException(fileOf.get(file.id()) + ": holidaysOf '" + file.holidaysOf()
                            + "' is not a known calendar " + files.keySet());
                }
                other.holidays().forEach(h -> inherited.add(h.rule()));
            }
            try {
                calendars.put(file.id(), file.toCalendar(inherited));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(fileOf.get(file.id()) + ": " + e.getMessage(), e);
            }
        }
        return new Calendars(calendars, definitions);
    }

    /**
     * One calendar definition from JSON, checked: a mistake is an {@link InvalidCalendarException} naming the field
     * as a path ({@code zone}, {@code hours.MONDAY[0]}, {@code holidays[2]}).
     */
    public static CalendarFile definition(String json) {
        try {
            return MAPPER.readValue(json, CalendarFile.class);
        } catch (JsonMappingException e) {
            Throwable t = e;
            while (t.getCause() != null && !(t instanceof InvalidCalendarException)) {
                t = t.getCause();
            }
            String path = path(e);
            if (t instanceof InvalidCalendarException invalid) {
                throw invalid.under(path);
            }
            String m = e.getOriginalMessage();
            int nl = m.indexOf('\n');
            throw new InvalidCalendarException(path, nl < 0 ? m : m.substring(0, nl));
        } catch (IOException e) {
            throw new InvalidCalendarException("", "not JSON: " + e.getMessage());
        }
    }

    /** {@code holidays[2].date}, from where Jackson stopped. */
    private static String path(JsonMappingException e) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!s.isEmpty()) {
                    s.append('.');
                }
                s.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }

    /**
     * Builds one calendar; {@code others} finds the calendar its {@code holidaysOf} names. Problems found only
     * when the whole is put together (overlapping hours, no hours at all, an unknown holidaysOf) name their field.
     */
    public static BusinessCalendar build(
            CalendarFile file, java.util.function.Function<String, Optional<CalendarFile>> others) {
        List<HolidayRule> inherited = new ArrayList<>();
        if (file.holidaysOf() != null) {
            if (file.holidaysOf().equals(file.id())) {
                throw new InvalidCalendarException("holidaysOf", "a calendar cannot take its holidays from itself");
            }
            CalendarFile other = others.apply(file.holidaysOf())
                    .orElseThrow(() -> new InvalidCalendarException(
                            "holidaysOf", "'" + file.holidaysOf() + "' is not a known calendar"));
            other.holidays().forEach(h -> inherited.add(h.rule()));
        }
        try {
            return file.toCalendar(inherited);
        } catch (InvalidCalendarException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidCalendarException("hours", e.getMessage());
        }
    }

    /** The definition as JSON, in the format of the calendar files (absent fields left out). */
    public static String json(CalendarFile file) {
        try {
            return WRITER.writeValueAsString(file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectWriter WRITER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
            .build()
            .writer();

    private static CalendarFile read(String fileName, String json) {
        try {
            return MAPPER.readValue(json, CalendarFile.class);
        } catch (JsonMappingException e) {
            String reason = rootMessage(e);
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(fileName + (line > 0 ? " line " + line : "") + ": " + reason, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(fileName + ": not JSON: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(JsonMappingException e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof IllegalArgumentException) {
            return t.getMessage();
        }
        String m = e.getOriginalMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    public Optional<BusinessCalendar> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public BusinessCalendar get(String id) {
        return byId(id).orElseThrow(
                        () -> new IllegalArgumentException("no calendar '" + id + "'; known: " + byId.keySet()));
    }

    public List<BusinessCalendar> all() {
        return List.copyOf(byId.values());
    }
}
