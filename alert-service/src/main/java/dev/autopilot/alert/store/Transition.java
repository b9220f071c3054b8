package dev.autopilot.alert.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * One state change of an alert.
 *
 * @param from the state before ({@code null} when the alert was created)
 * @param actor who caused it: a person or token for acks, the alert's source otherwise
 * @param reason why, e.g. the silence that muted it
 */
@RegisterForReflection
public record Transition(
    UUID alertId, AlertState from, AlertState to, Instant at, String actor, String reason) {}
