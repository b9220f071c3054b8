package dev.autopilot.notification.render;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A message ready to send: a one-line subject, a plain-text body and an HTML body. */
@RegisterForReflection
public record RenderedMessage(String subject, String text, String html) {}
