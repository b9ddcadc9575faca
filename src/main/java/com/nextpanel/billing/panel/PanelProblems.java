package com.nextpanel.billing.panel;

import com.nextpanel.billing.platform.Problem;

/** How a failed panel call is told to our API's callers: the panel's own words, our status code. */
public final class PanelProblems {

    private PanelProblems() {
    }

    public static Problem of(PanelException e) {
        Problem problem = switch (e.kind()) {
            case UNREACHABLE, TIMEOUT -> new Problem(502, "panel-unreachable", "Failed to connect to NextPanel server",
                    e.getMessage());
            case PANEL_ERROR -> new Problem(502, "panel-error", "NextPanel server error", e.getMessage());
            case ISOLATED, RATE_LIMITED -> new Problem(503, "panel-busy", "Server not available", e.getMessage());
            case CREDENTIALS_REJECTED -> new Problem(502, "panel-credentials-rejected", "Credentials rejected",
                    e.getMessage());
            case NOT_FOUND -> new Problem(404, "panel-account-not-found", "Not found on the panel", e.getMessage());
            case REJECTED -> new Problem(saysItExists(e.panelDetail()) ? 409 : 422, "panel-refused",
                    "Refused by the panel", e.getMessage());
        };
        e.retryAfter().ifPresent(wait -> problem.with("retry_after_seconds", Math.max(1, wait.toSeconds())));
        return problem.with("panel_detail", e.panelDetail());
    }

    /** The panel has no error codes, only FastAPI's detail text ("Username already exists"). */
    public static boolean saysItExists(String panelDetail) {
        return panelDetail != null && panelDetail.toLowerCase(java.util.Locale.ROOT).contains("exist");
    }
}
