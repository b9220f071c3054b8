package dev.autopilot.alert.rule;

import java.time.Instant;
import java.util.Map;

/**
 * The persisted state of one alert instance of a rule (Prometheus's {@code Alert}).
 *
 * @param fingerprint identity of the instance (rule name + labels)
 * @param firing false while pending
 * @param activeAt when the condition first held (without a gap)
 * @param firedAt when it went from pending to firing
 * @param keepFiringSince when the condition stopped holding while firing ({@code keep_firing_for})
 */
public record InstanceState(
    String fingerprint,
    Map<String, String> labels,
    double value,
    boolean firing,
    Instant activeAt,
    Instant firedAt,
    Instant keepFiringSince) {}
