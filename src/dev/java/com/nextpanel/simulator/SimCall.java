package com.nextpanel.simulator;

import java.time.Instant;

/**
 * One request a {@link NextPanelSimulator} answered while recording calls (see
 * {@link NextPanelSimulator#recordCalls()}): when it arrived, when its answer left, and the
 * answer's status and Retry-After header (null when none).
 */
public record SimCall(Instant arrivedAt, Instant answeredAt, String method, String path, int status,
                      String retryAfter) {
}
