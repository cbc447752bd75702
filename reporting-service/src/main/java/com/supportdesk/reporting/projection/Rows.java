package com.supportdesk.reporting.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The projector's statements for one read-model entity, on the reactive SQL client: the same tables and columns as the
 * Hibernate mapping (Hibernate creates them and the queries read them), written with plain SQL on a pool of the
 * projector's own (ADR 0008 addendum: HR sessions beside the readers' lost committed writes).
 */
final class Rows<T> {
    private final Class<T> type;
    private final Field id;
    private final List<Field> columns;
    private final String select;
    private final String insert;
    private final String update;

    private Rows(Class<T> type) {
        this.type = type;
        String table = "reporting." + type.getAnnotation(Table.class).name();
        // the mapped fields (the build's Hibernate enhancement adds fields of its own, transient or named $$_...)
        List<Field> fields = Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())
                        && !f.isSynthetic() && !f.getName().startsWith("$$"))
                .sorted(Comparator.comparing(Field::getName)).toList();
        fields.forEach(f -> f.setAccessible(true));
        id = fields.stream().filter(f -> f.isAnnotationPresent(Id.class)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type + " has no @Id"));
        columns = new ArrayList<>(fields);
        columns.remove(id);
        columns.add(id); // the key last: it is the WHERE of the update
        String names = columns.stream().map(Field::getName).collect(Collectors.joining(", "));
        select = "select " + names + " from " + table + " where " + id.getName() + " = $1 for update";
        StringBuilder values = new StringBuilder();
        StringBuilder sets = new StringBuilder();
        for (int i = 1; i <= columns.size(); i++) {
            values.append(i > 1 ? ", " : "").append('$').append(i);
            if (i < columns.size()) {
                sets.append(i > 1 ? ", " : "").append(columns.get(i - 1).getName()).append(" = $").append(i);
            }
        }
        insert = "insert into " + table + " (" + names + ") values (" + values + ")";
        update = "update " + table + " set " + sets + " where " + id.getName() + " = $" + columns.size();
    }

    static <T> Rows<T> of(Class<T> type) {
        return new Rows<>(type);
    }

    /** The row, locked until the transaction ends; null when there is none. */
    Uni<T> lock(SqlConnection c, String key) {
        return c.preparedQuery(select).execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    Uni<Void> insert(SqlConnection c, T entity) {
        return c.preparedQuery(insert).execute(tuple(entity)).replaceWithVoid();
    }

    /** Many rows, in batches of prepared inserts (the rebuild). */
    Uni<Void> insertAll(SqlConnection c, List<T> entities) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (int from = 0; from < entities.size(); from += 1000) {
            List<T> slice = entities.subList(from, Math.min(entities.size(), from + 1000));
            // each batch's parameters made when it is sent, not all of them up front
            done = done.chain(() -> c.preparedQuery(insert).executeBatch(slice.stream().map(this::tuple).toList())
                    .replaceWithVoid());
        }
        return done;
    }

    Uni<Void> update(SqlConnection c, T entity) {
        return c.preparedQuery(update).execute(tuple(entity)).invoke(rows -> {
            if (rows.rowCount() != 1) {
                throw new IllegalStateException(type.getSimpleName() + " " + key(entity) + ": " + rows.rowCount()
                        + " rows updated");
            }
        }).replaceWithVoid();
    }

    private Object key(T entity) {
        try {
            return id.get(entity);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Tuple tuple(T entity) {
        Tuple t = Tuple.tuple();
        try {
            for (Field f : columns) {
                Object v = f.get(entity);
                t.addValue(v instanceof Instant i ? i.atOffset(ZoneOffset.UTC) : v);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return t;
    }

    private T read(Row row) {
        try {
            T entity = type.getDeclaredConstructor().newInstance();
            for (int i = 0; i < columns.size(); i++) {
                Field f = columns.get(i);
                Class<?> k = f.getType();
                Object v;
                if (k == Instant.class) {
                    OffsetDateTime at = row.getOffsetDateTime(i);
                    v = at == null ? null : at.toInstant();
                } else if (k == boolean.class) {
                    v = Boolean.TRUE.equals(row.getBoolean(i));
                } else if (k == long.class) {
                    Long n = row.getLong(i);
                    v = n == null ? 0L : n;
                } else if (k == Long.class) {
                    v = row.getLong(i);
                } else {
                    v = row.getString(i);
                }
                f.set(entity, v);
            }
            return entity;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
