package com.nextpanel.simulator;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;

/** The simulator's own HTTP control endpoints under /_sim/ (no auth, no faults, not counted). */
final class SimControl {

    private final NextPanelSimulator sim;

    SimControl(NextPanelSimulator sim) {
        this.sim = sim;
    }

    void handle(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        Duration refuseFor = null;
        Reply reply;
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");
        switch (path) {
            case "/_sim/state" -> reply = get ? Reply.json(200, stateJson()) : Reply.error(405, "Method Not Allowed");
            case "/_sim/reset" -> {
                if (post) {
                    sim.reset();
                    reply = Reply.json(200, stateJson());
                } else {
                    reply = Reply.error(405, "Method Not Allowed");
                }
            }
            case "/_sim/faults" -> {
                JsonObject in = post ? Reply.parseObject(body, JsonValue.EMPTY_JSON_OBJECT) : JsonValue.EMPTY_JSON_OBJECT;
                if (!get && !post) {
                    reply = Reply.error(405, "Method Not Allowed");
                } else if (in == null) {
                    reply = Reply.error(422, "Invalid JSON body");
                } else {
                    try {
                        refuseFor = applyFaults(in);
                        JsonObject faults = sim.faultsJson();
                        // refusal starts only once this answer is out; report it as already on
                        reply = Reply.json(200, refuseFor == null ? faults
                                : Reply.JSON.createObjectBuilder(faults).add("refusing", true).build());
                    } catch (RuntimeException e) { // wrong types (ClassCastException) or out-of-range values
                        reply = Reply.error(422, "Invalid faults: " + e.getMessage());
                    }
                }
            }
            default -> reply = Reply.error(404, "Not Found");
        }
        reply.send(ex);
        ex.close(); // the answer must be out before refuse_for_seconds cuts the connections
        if (refuseFor != null) {
            sim.refuseFor(refuseFor);
        }
    }

    /** Applies the faults present in {@code in}; @return how long to refuse connections, or null. */
    private Duration applyFaults(JsonObject in) {
        if (in.containsKey("latency_ms")) {
            sim.setLatency(Duration.ofMillis(in.getJsonNumber("latency_ms").longValueExact()));
        }
        if (in.containsKey("error_rate")) {
            sim.setErrorRate(in.getJsonNumber("error_rate").doubleValue());
        }
        if (in.containsKey("hang")) {
            sim.setHang(in.getBoolean("hang"));
        }
        if (in.containsKey("rate_limit_per_hour")) {
            sim.setRateLimitPerHour(in.getJsonNumber("rate_limit_per_hour").intValueExact());
        }
        if (in.containsKey("rate_limit")) {
            JsonObject limit = in.getJsonObject("rate_limit");
            sim.setRateLimit(limit.getJsonNumber("requests").intValueExact(),
                    Duration.ofMillis(Math.round(limit.getJsonNumber("window_seconds").doubleValue() * 1000)));
        }
        if (in.containsKey("fail_next")) {
            JsonObject f = in.getJsonObject("fail_next");
            sim.failNext(f.getJsonNumber("count").intValueExact(), f.getInt("status", 500));
        }
        if (in.containsKey("answer_next_creates_without_id")) {
            sim.answerNextCreatesWithoutId(in.getJsonNumber("answer_next_creates_without_id").intValueExact());
        }
        if (in.containsKey("reject_next_echoing_input")) {
            sim.rejectNextEchoingInput(in.getJsonNumber("reject_next_echoing_input").intValueExact());
        }
        if (in.containsKey("refuse_for_seconds")) {
            double seconds = in.getJsonNumber("refuse_for_seconds").doubleValue();
            if (seconds > 0) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        }
        return null;
    }

    private JsonObject stateJson() {
        JsonArrayBuilder accounts = Reply.JSON.createArrayBuilder();
        sim.accountsJson().forEach(accounts::add);
        return Reply.object().add("port", sim.port()).add("accounts", accounts).add("faults", sim.faultsJson())
                .add("in_flight", sim.inFlight()).add("max_concurrent", sim.maxConcurrent()).build();
    }
}
