package com.nextpanel.billing.fleet.boundary;

import com.nextpanel.billing.fleet.entity.ServerDetails;
import com.nextpanel.billing.panel.PanelCredentials;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The integration guide's POST /nextpanel/servers body. A class with fields, not a record: Payara's OpenAPI
 * generator fails on constraint annotations that records copy onto constructor parameters.
 */
public class NewServer {
    @NotBlank @Size(max = 100) public String name;
    @Size(max = 500) public String description;
    @NotBlank @Size(max = 500) @Pattern(regexp = ServerFields.URL, message = ServerFields.URL_MESSAGE) public String baseUrl;
    @NotBlank @Size(max = 200) public String apiKey;
    @NotBlank @Size(max = 200) public String apiSecret;
    @Min(1) @Max(ServerFields.MAX_CAPACITY) public Integer capacity;
    @Size(max = 100) public String location;
    @Size(max = 20) public List<@NotBlank @Size(max = 50) String> tags;
    public Boolean isActive;
    @Min(1) @Max(ServerFields.MAX_RATE_LIMIT) public Integer rateLimitPerHour;
    /** Where customers open their control panel, when not at the base URL (often an internal address). */
    @Size(max = 500) @Pattern(regexp = ServerFields.URL, message = ServerFields.URL_MESSAGE) public String panelUrl;

    ServerDetails details() {
        return new ServerDetails(name.trim(), description, ServerFields.normalizeUrl(baseUrl),
                capacity == null ? ServerFields.DEFAULT_CAPACITY : capacity, location,
                tags == null ? List.of() : tags.stream().map(String::trim).toList(),
                isActive == null || isActive,
                rateLimitPerHour == null ? ServerFields.DEFAULT_RATE_LIMIT : rateLimitPerHour,
                panelUrl == null || panelUrl.isBlank() ? null : ServerFields.normalizeUrl(panelUrl));
    }

    PanelCredentials credentials() {
        return new PanelCredentials(apiKey.trim(), apiSecret.trim());
    }

    @Override
    public String toString() {
        return "NewServer[" + name + ", " + baseUrl + "]";
    }
}
