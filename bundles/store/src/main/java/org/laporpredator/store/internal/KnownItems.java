package org.laporpredator.store.internal;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Which item keys may be stored: a Bloom filter over their SHA-256 hashes, loaded at start. A key it
 * has never seen is certainly new, so the writer inserts the item without looking it up first; only a
 * key it may have seen costs a lookup. The unique key stays the rule: an item stored behind the
 * store's back just meets it and is then looked up. Sized at start for twice the stored items (at
 * least a million), about one lookup in a thousand is wasted; past that size more are. Not thread-safe:
 * the writer thread alone uses it.
 */
final class KnownItems {

    static final int MIN_BITS = 1 << 24;   // 2 MB: a million items at 16 bits each
    static final int MAX_BITS = 1 << 30;   // 128 MB
    private static final int BITS_PER_ITEM = 16;
    private static final int PROBES = 8;   // one per 4-byte word of the hash

    private final long[] words;
    private final int mask;

    KnownItems(long expectedItems) {
        long wanted = Math.max(MIN_BITS, Math.min(MAX_BITS, expectedItems * BITS_PER_ITEM));
        int bits = Integer.highestOneBit((int) wanted);
        bits = bits < wanted ? bits << 1 : bits;
        this.words = new long[bits / Long.SIZE];
        this.mask = bits - 1;
    }

    /**
     * The keys of every stored item, in a filter sized for twice as many. The largest id stands for the
     * count: never below it, and read from the end of the primary key rather than by a scan.
     */
    static KnownItems load(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            long stored;
            try (ResultSet rs = s.executeQuery("SELECT MAX(id) FROM item")) {
                rs.next();
                stored = rs.getLong(1);
            }
            KnownItems known = new KnownItems(2 * stored);
            try (ResultSet rs = s.executeQuery("SELECT key_hash FROM item")) {
                while (rs.next()) {
                    known.add(rs.getBytes(1));
                }
            }
            return known;
        }
    }

    /** False only for a key never added. */
    boolean mightContain(byte[] keyHash) {
        ByteBuffer hash = ByteBuffer.wrap(keyHash);
        for (int i = 0; i < PROBES; i++) {
            int bit = hash.getInt(4 * i) & mask;
            if ((words[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    void add(byte[] keyHash) {
        ByteBuffer hash = ByteBuffer.wrap(keyHash);
        for (int i = 0; i < PROBES; i++) {
            int bit = hash.getInt(4 * i) & mask;
            words[bit >>> 6] |= 1L << bit;
        }
    }

    int bits() {
        return mask + 1;
    }
}
