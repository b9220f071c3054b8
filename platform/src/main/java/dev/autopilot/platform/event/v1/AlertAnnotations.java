package dev.autopilot.platform.event.v1;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Human text of an alert. */
@RegisterForReflection
public record AlertAnnotations(String summary, String description, String runbookUrl) {}
