package com.nextpanel.billing.fleet.boundary;

import com.nextpanel.billing.panel.PanelCredentials;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** POST /servers/test: a panel address and credentials to try without saving anything. */
public record ConnectionCheck(
        @NotBlank @Size(max = 500) @Pattern(regexp = ServerFields.URL, message = ServerFields.URL_MESSAGE) String baseUrl,
        @NotBlank @Size(max = 200) String apiKey,
        @NotBlank @Size(max = 200) String apiSecret) {

    PanelCredentials credentials() {
        return new PanelCredentials(apiKey.trim(), apiSecret.trim());
    }

    @Override
    public String toString() {
        return "ConnectionCheck[" + baseUrl + ", " + credentials() + "]";
    }
}
