package com.nextpanel.billing.panel;

/** The X-API-Key / X-API-Secret pair of a panel. Its toString never prints either. */
public record PanelCredentials(String apiKey, String apiSecret) {

    /** Enough of the key to recognise it ("npk_ab…yz"); nothing of the secret. */
    public String keyHint() {
        if (apiKey == null || apiKey.length() < 12) {
            return "****";
        }
        return apiKey.substring(0, 6) + "…" + apiKey.substring(apiKey.length() - 2);
    }

    @Override
    public String toString() {
        return "PanelCredentials[key=" + keyHint() + ", secret=****]";
    }
}
