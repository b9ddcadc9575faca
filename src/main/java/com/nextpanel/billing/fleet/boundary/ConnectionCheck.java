package com.nextpanel.billing.fleet.boundary;

import com.nextpanel.billing.panel.PanelCredentials;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** POST /servers/test: a panel address and credentials to try without saving anything. */
public class ConnectionCheck {
    @NotBlank @Size(max = 500) @Pattern(regexp = ServerFields.URL, message = ServerFields.URL_MESSAGE) public String baseUrl;
    @NotBlank @Size(max = 200) public String apiKey;
    @NotBlank @Size(max = 200) public String apiSecret;

    PanelCredentials credentials() {
        return new PanelCredentials(apiKey.trim(), apiSecret.trim());
    }

    @Override
    public String toString() {
        return "ConnectionCheck[" + baseUrl + ", " + credentials() + "]";
    }
}
