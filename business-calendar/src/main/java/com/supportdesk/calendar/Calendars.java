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

    private final Map<String, BusinessCalendar> byId;

    private Calendars(Map<String, BusinessCalendar> byId) {
        this.byId = byId;
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
        for (CalendarFile file : files.values()) {
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
        return new Calendars(calendars);
    }

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
