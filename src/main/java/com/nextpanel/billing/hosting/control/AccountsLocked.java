package com.nextpanel.billing.hosting.control;

import java.util.List;

/**
 * Fired when a transaction has locked these accounts to change them together (settling many
 * jobs at once): whoever follows accounts locks what goes with them now, in one query, rather
 * than once per {@link AccountChanged}.
 */
public record AccountsLocked(List<Long> accountIds) {
}
