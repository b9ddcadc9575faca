package com.nextpanel.billing.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * Rows a transaction has already locked, kept with the transaction (JTA's resource map) and
 * gone with it: a transaction that settles many jobs locks their rows in one query each, and
 * the per-job code then finds them here instead of asking the database once per job.
 */
@ApplicationScoped
public class TransactionMemo {

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** The current transaction's map under {@code key}, made empty on first use. */
    @SuppressWarnings("unchecked")
    public <K, V> Map<K, V> of(Object key) {
        Map<K, V> memo = (Map<K, V>) transaction.getResource(key);
        if (memo == null) {
            memo = new HashMap<>();
            transaction.putResource(key, memo);
        }
        return memo;
    }

    /** The current transaction's map under {@code key}, or an empty one nothing is kept in. */
    @SuppressWarnings("unchecked")
    public <K, V> Map<K, V> find(Object key) {
        if (!active()) {
            return Map.of();
        }
        Map<K, V> memo = (Map<K, V>) transaction.getResource(key);
        return memo == null ? Map.of() : memo;
    }

    /** Whether the current transaction keeps a map under {@code key}. */
    public boolean holds(Object key) {
        return active() && transaction.getResource(key) != null;
    }

    /** Drops the current transaction's map under {@code key}. */
    public void forget(Object key) {
        transaction.putResource(key, null);
    }

    /** Whether the calling thread runs inside a transaction. */
    public boolean active() {
        return transaction.getTransactionKey() != null;
    }
}
