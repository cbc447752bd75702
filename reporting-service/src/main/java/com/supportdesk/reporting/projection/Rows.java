package com.supportdesk.reporting.projection;

import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The projector's statements for one read-model entity, in plain JDBC: the same tables and columns as the Hibernate
 * mapping (Hibernate creates them and the queries read them), written with prepared-statement batches on a data source
 * of the projector's own (ADR 0008 addendum: HR sessions beside the readers' lost committed writes).
 */
final class Rows<T> {
    private static final int BATCH = 1000;
    private static final int STATEMENTS_KEPT = 256;

    private final Class<T> type;
    private final Field id;
    private final List<Field> columns;
    private final String table;
    private final String select;
    private final String read;
    private final String insert;
    /** The statements of {@link #updateChanged}, by the set of columns they write (a bit each). */
    private final Map<Long, String> statements = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<Long, String> unnestStatements = new java.util.concurrent.ConcurrentHashMap<>();
    private final String copy;
    private final String delete;

    private Rows(Class<T> type, String table) {
        this.type = type;
        this.table = table;
        // the mapped fields (the build's Hibernate enhancement adds fields of its own, transient or named $$_...)
        List<Field> fields = Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())
                        && !Modifier.isTransient(f.getModifiers())
                        && !f.isSynthetic()
                        && !f.getName().startsWith("$$"))
                .sorted(Comparator.comparing(Field::getName))
                .toList();
        fields.forEach(f -> f.setAccessible(true));
        id = fields.stream()
                .filter(f -> f.isAnnotationPresent(Id.class))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type + " has no @Id"));
        columns = new ArrayList<>(fields);
        columns.remove(id);
        columns.add(id); // the key last: it is the WHERE of the update
        if (columns.size() > 64) {
            throw new IllegalArgumentException(type + ": at most 63 columns besides the key (a bit each)");
        }
        String names = columns.stream().map(Field::getName).collect(Collectors.joining(", "));
        // locked in key order, so two writers of overlapping rows cannot deadlock
        read = "select " + names + " from " + table + " where " + id.getName() + " = any(?) order by " + id.getName();
        select = read + " for update";
        String values = columns.stream().map(f -> "?").collect(Collectors.joining(", "));
        insert = "insert into " + table + " (" + names + ") values (" + values + ")";
        copy = "COPY " + table + " (" + names + ") FROM STDIN";
        delete = "delete from " + table + " where " + id.getName() + " = any(?)";
    }

    static <T> Rows<T> of(Class<T> type) {
        return new Rows<>(type, "reporting." + type.getAnnotation(Table.class).name());
    }

    /** The same statements on a table named like this one plus {@code suffix} (a rebuild's shadow table). */
    Rows<T> suffixed(String suffix) {
        return new Rows<>(type, table + suffix);
    }

    String table() {
        return table;
    }

    String idColumn() {
        return id.getName();
    }

    /**
     * The rows of these keys that exist, by key, locked until the transaction ends ({@code FOR UPDATE}) or not: a
     * rebuild's single writer needs no locks, and a lock is a write of each row's header (a page dirtied and logged
     * before the update rewrites it).
     */
    Map<String, T> read(Connection c, Collection<String> keys, boolean locked) throws SQLException {
        Map<String, T> found = new LinkedHashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement(locked ? select : read)) {
            ps.setArray(
                    1,
                    c.createArrayOf("varchar", keys.stream().sorted().distinct().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    T entity = read(rs);
                    found.put(String.valueOf(key(entity)), entity);
                }
            }
        }
        return found;
    }

    /** Many rows, in batches of prepared inserts. */
    void insertAll(Connection c, Collection<T> entities) throws SQLException {
        batch(c, insert, entities);
    }

    /**
     * The values of an entity's columns as they are now, to tell later which of them a poll changed ({@link
     * #updateChanged}).
     */
    Object[] snapshot(T entity) {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(columns.get(i), entity);
        }
        return values;
    }

    /**
     * Existing rows written back in one statement ({@code UPDATE ... FROM unnest(...)}, an array per column, instants
     * as ISO text), with only the columns that differ from what they were read as ({@code before}, by key: {@link
     * #snapshot}s; null, or a row without one: every column): the union of the rows' changed columns is written, and
     * a row with none is not written at all. A re-targeting's poll, which moves only
     * deadlines, sends three arrays instead of thirty-five (docs/benchmarks.md, session 28).
     */
    void updateChanged(Connection c, Collection<T> entities, Map<String, Object[]> before) throws SQLException {
        if (entities.isEmpty()) {
            return;
        }
        long all = (1L << (columns.size() - 1)) - 1; // every column but the key
        long changed = 0;
        List<T> written = new ArrayList<>(entities.size());
        for (T entity : entities) {
            Object[] was = before == null ? null : before.get(String.valueOf(key(entity)));
            long mask = was == null ? all : changedColumns(entity, was);
            if (mask != 0) {
                changed |= mask;
                written.add(entity);
            }
        }
        if (written.isEmpty()) {
            return;
        }
        List<Field> set = new ArrayList<>();
        for (int i = 0; i < columns.size() - 1; i++) {
            if ((changed & (1L << i)) != 0) {
                set.add(columns.get(i));
            }
        }
        set.add(id); // the key last: it is the WHERE
        if (written.size() == 1) {
            try (PreparedStatement ps = c.prepareStatement(statement(statements, changed, () -> update(set)))) {
                bind(ps, written.get(0), set);
                int updated = ps.executeUpdate();
                if (updated != 1) {
                    throw new IllegalStateException(
                            type.getSimpleName() + ": " + updated + " rows updated instead of 1");
                }
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(statement(unnestStatements, changed, () -> unnestUpdate(set)))) {
            for (int i = 0; i < set.size(); i++) {
                Field f = set.get(i);
                Object[] values = new Object[written.size()];
                int row = 0;
                for (T entity : written) {
                    Object v = value(f, entity);
                    values[row++] = v instanceof Instant t ? t.toString() : v;
                }
                ps.setArray(i + 1, c.createArrayOf(arrayType(f.getType()), values));
            }
            int updated = ps.executeUpdate();
            if (updated != written.size()) {
                throw new IllegalStateException(
                        type.getSimpleName() + ": " + updated + " rows updated instead of " + written.size());
            }
        }
    }

    /** The statement for these columns, kept for the next poll (up to {@value #STATEMENTS_KEPT} sets of columns). */
    private static String statement(Map<Long, String> kept, long columns, java.util.function.Supplier<String> make) {
        String sql = kept.get(columns);
        if (sql == null) {
            sql = make.get();
            if (kept.size() < STATEMENTS_KEPT) {
                kept.put(columns, sql);
            }
        }
        return sql;
    }

    /** A bit for each column (but the key) whose value differs from {@code was}. */
    private long changedColumns(T entity, Object[] was) {
        long mask = 0;
        for (int i = 0; i < columns.size() - 1; i++) {
            if (!java.util.Objects.equals(value(columns.get(i), entity), was[i])) {
                mask |= 1L << i;
            }
        }
        return mask;
    }

    /** {@code UPDATE ... SET} these columns (the key last, the WHERE) for one row. */
    private String update(List<Field> set) {
        return "update " + table + " set "
                + set.subList(0, set.size() - 1).stream()
                        .map(f -> f.getName() + " = ?")
                        .collect(Collectors.joining(", "))
                + " where " + id.getName() + " = ?";
    }

    /** {@code UPDATE ... FROM unnest(...)} of these columns (the key last), an array each. */
    private String unnestUpdate(List<Field> set) {
        return "update " + table + " t set "
                + set.subList(0, set.size() - 1).stream()
                        .map(f -> f.getName() + " = u." + f.getName()
                                + (f.getType() == Instant.class ? "::timestamptz" : ""))
                        .collect(Collectors.joining(", "))
                + " from unnest("
                + set.stream().map(f -> "?::" + arrayType(f.getType()) + "[]").collect(Collectors.joining(", "))
                + ") as u(" + set.stream().map(Field::getName).collect(Collectors.joining(", ")) + ") where t."
                + id.getName() + " = u." + id.getName();
    }

    /**
     * Many rows written as new ones, for a writer alone on its table (a rebuild's): those of these keys that exist
     * deleted in one statement, then all of them appended with {@code COPY} (the text format in chunks, {@link CopyText}). For a
     * rebuild's 219,000 ticket rows of 100,000 tickets that cost PostgreSQL 3.3–4.8 s against 8–17 s for
     * a whole-row {@link #updateChanged} (docs/benchmarks.md, session 26). The delete is planned for each call's keys
     * (the rebuild's {@code plan_cache_mode}): a plan cached while the table was nearly empty scans it whole.
     */
    void replaceAll(Connection c, Collection<String> existing, Collection<T> entities) throws SQLException {
        if (!existing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(delete)) {
                ps.setArray(1, c.createArrayOf("varchar", existing.toArray()));
                int deleted = ps.executeUpdate();
                if (deleted != existing.size()) {
                    throw new IllegalStateException(
                            type.getSimpleName() + ": " + deleted + " rows deleted instead of " + existing.size());
                }
            }
        }
        if (entities.isEmpty()) {
            return;
        }
        CopyText.copyIn(c, copy, rows -> {
            for (T entity : entities) {
                for (Field f : columns) {
                    Object v = value(f, entity);
                    if (v == null || v instanceof String) {
                        rows.text((String) v); // null as \N, "" as an empty field
                    } else if (v instanceof Boolean b) {
                        rows.plain(b ? "t" : "f");
                    } else {
                        rows.plain(v.toString()); // numbers, and instants as ISO text
                    }
                }
                rows.endRow();
            }
        });
    }

    private static Object value(Field f, Object entity) {
        try {
            return f.get(entity);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The element type of a column's array in {@link #updateChanged}. */
    private static String arrayType(Class<?> k) {
        if (k == boolean.class || k == Boolean.class) {
            return "bool";
        }
        if (k == long.class || k == Long.class) {
            return "int8";
        }
        return "text"; // strings, and instants as ISO text (cast back in the statement)
    }

    private void batch(Connection c, String sql, Collection<T> entities) throws SQLException {
        if (entities.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int n = 0;
            for (T entity : entities) {
                bind(ps, entity);
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            if (n % BATCH != 0) {
                ps.executeBatch();
            }
        }
    }

    private Object key(T entity) {
        try {
            return id.get(entity);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private void bind(PreparedStatement ps, T entity) throws SQLException {
        bind(ps, entity, columns);
    }

    /** These columns' values of {@code entity} as the statement's parameters, in order. */
    private static void bind(PreparedStatement ps, Object entity, List<Field> columns) throws SQLException {
        try {
            for (int i = 0; i < columns.size(); i++) {
                Field f = columns.get(i);
                Object v = f.get(entity);
                if (f.getType() == Instant.class) {
                    if (v == null) {
                        ps.setNull(i + 1, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        ps.setTimestamp(i + 1, Timestamp.from((Instant) v));
                    }
                } else if (v == null) {
                    ps.setNull(i + 1, f.getType() == Long.class ? Types.BIGINT : Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, v);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private T read(ResultSet rs) throws SQLException {
        try {
            T entity = type.getDeclaredConstructor().newInstance();
            for (int i = 0; i < columns.size(); i++) {
                Field f = columns.get(i);
                Class<?> k = f.getType();
                Object v;
                if (k == Instant.class) {
                    Timestamp at = rs.getTimestamp(i + 1);
                    v = at == null ? null : at.toInstant();
                } else if (k == boolean.class) {
                    v = rs.getBoolean(i + 1);
                } else if (k == long.class) {
                    v = rs.getLong(i + 1);
                } else if (k == Long.class) {
                    long n = rs.getLong(i + 1);
                    v = rs.wasNull() ? null : n;
                } else {
                    v = rs.getString(i + 1);
                }
                f.set(entity, v);
            }
            return entity;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
