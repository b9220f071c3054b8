package dev.autopilot.notification.receiver;

import java.util.List;

/**
 * A configured receiver: who is told, over which integrations, and who is told instead when one of
 * its notifications fails for good ({@code fallback}, another receiver's name, or null).
 */
public record Receiver(String name, List<Integration> integrations, String fallback) {}
