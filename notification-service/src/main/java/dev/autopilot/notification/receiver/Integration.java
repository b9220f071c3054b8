package dev.autopilot.notification.receiver;

import java.util.List;

/**
 * One channel integration of a receiver, e.g. its second Slack webhook.
 *
 * @param spec the integration's configuration (a {@code RoutingDocument.*Spec} record)
 * @param addresses where on the channel each message goes: one notification per address (email
 *     addresses, phone numbers; one address naming the integration for webhooks and PagerDuty)
 */
public record Integration(
    String receiver, String channel, int index, Object spec, List<String> addresses) {

  /** The stable name of this integration, stored with each notification: receiver/channel/index. */
  public String target() {
    return receiver + "/" + channel + "/" + index;
  }
}
