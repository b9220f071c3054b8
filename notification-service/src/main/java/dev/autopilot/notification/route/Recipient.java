package dev.autopilot.notification.route;

/**
 * One address on one channel of one receiver, reached because a route matched.
 *
 * @param receiver the configured receiver's name
 * @param channel the channel that reaches them, e.g. {@code email}, {@code slack}
 * @param address where on that channel: an email address, a phone number, a Slack channel
 * @param target the integration that sends it ({@code receiver/channel/index})
 * @param route the route that chose this receiver (its timing and mute intervals apply)
 */
public record Recipient(
    String receiver, String channel, String address, String target, Route route) {}
