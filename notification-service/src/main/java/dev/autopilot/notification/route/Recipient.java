package dev.autopilot.notification.route;

/**
 * One receiver on one channel.
 *
 * @param channel the channel that reaches them, e.g. {@code email}
 * @param address where on that channel: an email address, later a Slack channel or phone number
 */
public record Recipient(String channel, String address) {}
