package dev.autopilot.deploy.rollout;

import java.util.UUID;

/** What to roll out: values already validated against the request patterns. */
public record RolloutTarget(
    UUID deploymentId, String service, String environment, String version) {}
