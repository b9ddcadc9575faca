package com.nextpanel.billing.fleet.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.billing.fleet.entity.ServerDetails;
import com.nextpanel.billing.platform.ErrorCode;
import com.nextpanel.billing.platform.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerPatchTest {

    private static final ServerDetails CURRENT = new ServerDetails("S1", "desc", "http://p:9000", 100, "US-East",
            List.of("a"), true, 1000, null);

    @Test
    void onlyTheMembersSentChange() {
        ServerDetails after = ServerPatch.of(Json.createObjectBuilder().add("capacity", 5)
                .add("description", JsonValue.NULL).add("tags", Json.createArrayBuilder().add(" b ")).build())
                .applyTo(CURRENT);

        assertThat(after).isEqualTo(new ServerDetails("S1", null, "http://p:9000", 5, "US-East", List.of("b"), true, 1000, null));
    }

    @Test
    void thePanelUrlForCustomersIsSetAndCleared() {
        ServerDetails set = ServerPatch.of(Json.createObjectBuilder().add("panel_url", "https://panel.example.com/")
                .build()).applyTo(CURRENT);
        ServerDetails cleared = ServerPatch.of(Json.createObjectBuilder().add("panel_url", JsonValue.NULL).build())
                .applyTo(set);

        assertThat(set.panelUrl()).isEqualTo("https://panel.example.com");
        assertThat(cleared.panelUrl()).isNull();
        assertThatThrownBy(() -> ServerPatch.of(Json.createObjectBuilder().add("panel_url", "ftp://x").build()))
                .hasMessageContaining("panel_url");
    }

    @Test
    void everyBadMemberIsReportedAtOnce() {
        var patch = Json.createObjectBuilder().add("name", " ").add("capacity", 1.5).add("is_active", "yes")
                .add("base_url", "http://elsewhere").add("colour", "red").build();

        assertThatThrownBy(() -> ServerPatch.of(patch)).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.INVALID_FIELDS);
            assertThat(r.extensions().get("errors").toString())
                    .contains("name", "capacity", "is_active", "base_url", "colour", "PUT /servers/{id}/credentials");
        });
    }

    @Test
    void anEmptyPatchSaysWhatCanBeSent() {
        assertThatThrownBy(() -> ServerPatch.of(JsonValue.EMPTY_JSON_OBJECT)).hasMessageContaining("capacity");
    }
}
