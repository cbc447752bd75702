package com.supportdesk.reporting.projection;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The event ids a rebuild has met, exactly, in little memory: a UUID (what the services give their events) as its
 * two longs in an open-addressing table at most three quarters full (16 to 32 bytes an id: 64 MB for 2.3 million), any
 * other id as a string.
 */
final class IdSet {
    private long[] table = new long[2 * 1024];
    private int size;
    private final Set<String> others = new HashSet<>();

    private static UUID uuid(String id) {
        try {
            UUID uuid = id.length() == 36 ? UUID.fromString(id) : null;
            // the all-zero UUID marks an empty slot: kept with the other ids
            return uuid == null || (uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0)
                    ? null
                    : uuid;
        } catch (IllegalArgumentException notUuid) {
            return null;
        }
    }

    boolean contains(String id) {
        UUID uuid = uuid(id);
        if (uuid == null) {
            return others.contains(id);
        }
        int slots = table.length / 2;
        int i = (int) (mix(uuid.getMostSignificantBits() ^ Long.rotateLeft(uuid.getLeastSignificantBits(), 32))
                & (slots - 1));
        while (true) {
            long h = table[2 * i];
            long l = table[2 * i + 1];
            if (h == 0 && l == 0) {
                return false;
            }
            if (h == uuid.getMostSignificantBits() && l == uuid.getLeastSignificantBits()) {
                return true;
            }
            i = (i + 1) & (slots - 1);
        }
    }

    /** True when the id was not in the set (and is now). */
    boolean add(String id) {
        UUID uuid = uuid(id);
        if (uuid == null) {
            return others.add(id);
        }
        if (4L * (size + 1) > 3L * (table.length / 2)) { // at most three quarters full
            grow();
        }
        if (insert(table, uuid.getMostSignificantBits(), uuid.getLeastSignificantBits())) {
            size++;
            return true;
        }
        return false;
    }

    int size() {
        return size + others.size();
    }

    private static boolean insert(long[] table, long high, long low) {
        int slots = table.length / 2;
        int i = (int) (mix(high ^ Long.rotateLeft(low, 32)) & (slots - 1));
        while (true) {
            long h = table[2 * i];
            long l = table[2 * i + 1];
            if (h == 0 && l == 0) {
                table[2 * i] = high;
                table[2 * i + 1] = low;
                return true;
            }
            if (h == high && l == low) {
                return false;
            }
            i = (i + 1) & (slots - 1);
        }
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (int i = 0; i < table.length; i += 2) {
            if (table[i] != 0 || table[i + 1] != 0) {
                insert(bigger, table[i], table[i + 1]);
            }
        }
        table = bigger;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }
}
