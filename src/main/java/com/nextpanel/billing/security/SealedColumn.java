package com.nextpanel.billing.security;

import jakarta.persistence.EntityManager;
import java.util.List;

/** A table column that keeps sealed values, one per row. */
public record SealedColumn(String table, String column) {

    /** The place of the value in row {@code rowId}. */
    public SealedPlace at(long rowId) {
        return new SealedPlace(table, column, rowId);
    }

    /**
     * Re-seals, row by row, every value not yet bound to its row under the current master key;
     * answers how many were. Call within a transaction. Table and column are the code's constants,
     * never input.
     */
    public int reseal(EntityManager em, SecretCipher cipher) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, " + column + " FROM " + table + " WHERE " + column
                        + " IS NOT NULL AND " + column + " NOT LIKE ?1 FOR UPDATE")
                .setParameter(1, cipher.currentPrefix() + "%")
                .getResultList();
        for (Object[] row : rows) {
            SealedPlace place = at(((Number) row[0]).longValue());
            em.createNativeQuery("UPDATE " + table + " SET " + column + " = ?1 WHERE id = ?2")
                    .setParameter(1, cipher.seal(cipher.open((String) row[1], place), place))
                    .setParameter(2, place.rowId())
                    .executeUpdate();
        }
        return rows.size();
    }
}
