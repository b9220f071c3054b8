/**
 * Gatus's condition language ({@code [STATUS] == 200}, {@code [BODY].status == Healthy}, {@code
 * len([BODY].items) > 0}, {@code [CERTIFICATE_EXPIRATION] > 168h}): parsed once when a target is
 * written ({@link dev.autopilot.health.condition.ConditionParser}, errors carry the position) and
 * evaluated against each probe's {@link dev.autopilot.health.condition.Observation}.
 */
package dev.autopilot.health.condition;
