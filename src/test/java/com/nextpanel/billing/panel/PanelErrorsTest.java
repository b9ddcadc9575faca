package com.nextpanel.billing.panel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PanelErrorsTest {

    private static final String PASSWORD = "SecurePass123!";

    @Test
    void aFastApiValidationErrorKeepsWhereAndWhatButNotTheEchoedInput() {
        String body = """
                {"detail": [
                  {"type": "missing", "loc": ["body", "plan"], "msg": "Field required",
                   "input": {"username": "cust1", "password": "SecurePass123!"}},
                  {"type": "string_too_long", "loc": ["body", "full_name"], "msg": "String should have at most 100 characters",
                   "input": "SecurePass123!", "ctx": {"max_length": 100}}
                ]}""";

        String detail = PanelErrors.detailOf(body, "Unprocessable Entity");

        assertThat(detail).isEqualTo("body.plan: Field required; body.full_name: String should have at most 100 characters");
    }

    @Test
    void aPlainDetailIsKeptAsTheMessage() {
        assertThat(PanelErrors.detailOf("{\"detail\": \"Username already exists\"}", "Bad Request"))
                .isEqualTo("Username already exists");
        assertThat(PanelErrors.detailOf("", "Bad Request")).isEqualTo("Bad Request");
    }

    @Test
    void thePanelsWordsAreCappedAt500Characters() {
        var e = new PanelException(PanelException.Kind.REJECTED, 400, "x".repeat(5000), null, null);

        assertThat(e.panelDetail()).hasSize(500).endsWith("…");
        assertThat(e.getMessage()).hasSizeLessThan(600);
    }

    @Test
    void theJobsPasswordIsHiddenFromThePanelsWordsEvenWhereTheCapWouldCutIt() {
        String echoed = "<html>" + "y".repeat(478) + "Refused: " + PASSWORD + " with \"" + PASSWORD + "\"</html>";
        var e = new PanelException(PanelException.Kind.REJECTED, 400, PanelErrors.detailOf(echoed, "Bad Request"), null, null);
        var unavailable = new PanelUnavailable(PanelException.Kind.PANEL_ERROR, 500, "{\"password\": \"Secure\\\\" + "\"}", null);

        PanelException hidden = e.hiding(PASSWORD);

        assertThat(e.panelDetail()).contains("Secure"); // the cap cuts it into a part that still gives most away
        assertThat(hidden.panelDetail()).doesNotContain("Secure").doesNotContain("Pass123");
        assertThat(hidden.getMessage()).doesNotContain("Secure");
        assertThat(hidden.kind()).isEqualTo(PanelException.Kind.REJECTED);
        assertThat(hidden.status()).isEqualTo(400);
        assertThat(unavailable.hiding("Secure\\").panelDetail()).doesNotContain("Secure");
        assertThat(unavailable.hiding("Secure\\")).isInstanceOf(PanelUnavailable.class);
    }
}
