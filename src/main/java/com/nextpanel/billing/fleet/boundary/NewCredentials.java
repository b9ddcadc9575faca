package com.nextpanel.billing.fleet.boundary;

import com.nextpanel.billing.panel.PanelCredentials;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** PUT /servers/{id}/credentials: a new key pair, and optionally a new address. */
public class NewCredentials {
    @NotBlank @Size(max = 200) public String apiKey;
    @NotBlank @Size(max = 200) public String apiSecret;
    @Size(max = 500) @Pattern(regexp = ServerFields.URL, message = ServerFields.URL_MESSAGE) public String baseUrl;

    PanelCredentials credentials() {
        return new PanelCredentials(apiKey.trim(), apiSecret.trim());
    }

    String normalizedBaseUrl() {
        return baseUrl == null || baseUrl.isBlank() ? null : ServerFields.normalizeUrl(baseUrl);
    }

    @Override
    public String toString() {
        return "NewCredentials[" + credentials() + "]";
    }
}
