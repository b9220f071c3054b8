package dev.autopilot.alert.mute;

import java.time.Instant;
import java.util.Map;

/**
 * What the muters look at.
 *
 * @param fingerprint the alert's identity (an alert never inhibits itself)
 * @param dependencyTarget the down dependency health-service named, or null
 * @param since when the alert became active (a dependency's grace period counts from here)
 */
public record MuteCandidate(
    String fingerprint, Map<String, String> labels, String dependencyTarget, Instant since) {}
