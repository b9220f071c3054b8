package dev.autopilot.notification.channel;

import dev.autopilot.notification.store.NotificationRecord;

/** Sends notifications over one channel. Implementations never throw: failures are results. */
public interface Notifier {
  /** The channel name stored with each notification, e.g. {@code email}. */
  String channel();

  /** Sends one notification once. */
  SendResult send(NotificationRecord notification);
}
