package dev.autopilot.notification.render;

/** A message ready to send: a one-line subject, a plain-text body and an HTML body. */
public record RenderedMessage(String subject, String text, String html) {}
