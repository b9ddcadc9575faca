package com.nextpanel.billing.security;

import jakarta.persistence.EntityManager;
import java.util.List;

/** Re-seals one table column of sealed values under the current master key, row by row. */
public final class SealedColumn {

    private SealedColumn() {
    }

    /** Call within a transaction; {@code table} and {@code column} are the caller's constants, never input. */
    public static int reseal(EntityManager em, SecretCipher cipher, String table, String column) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, " + column + " FROM " + table + " WHERE " + column
                        + " IS NOT NULL AND " + column + " NOT LIKE ?1 FOR UPDATE")
                .setParameter(1, "v1:" + cipher.currentKeyId() + ":%")
                .getResultList();
        for (Object[] row : rows) {
            em.createNativeQuery("UPDATE " + table + " SET " + column + " = ?1 WHERE id = ?2")
                    .setParameter(1, cipher.seal(cipher.open((String) row[1])))
                    .setParameter(2, ((Number) row[0]).longValue())
                    .executeUpdate();
        }
        return rows.size();
    }
}
