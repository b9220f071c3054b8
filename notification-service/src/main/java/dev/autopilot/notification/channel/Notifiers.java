package dev.autopilot.notification.channel;

import dev.autopilot.notification.store.NotificationRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Every channel's notifier, by channel name: the one seam delivery sends through. */
@ApplicationScoped
public class Notifiers {
  private final Map<String, Notifier> byChannel = new HashMap<>();

  public Notifiers(Instance<Notifier> notifiers) {
    for (Notifier notifier : notifiers) {
      if (byChannel.put(notifier.channel(), notifier) != null) {
        throw new IllegalStateException("two notifiers for channel " + notifier.channel());
      }
    }
  }

  /** The channels served. */
  public Set<String> channels() {
    return Set.copyOf(byChannel.keySet());
  }

  /** Sends through the notification's channel; a channel nobody serves is a permanent failure. */
  public SendResult send(NotificationRecord notification) {
    Notifier notifier = byChannel.get(notification.channel());
    if (notifier == null) {
      return SendResult.permanent("no notifier for channel '" + notification.channel() + "'");
    }
    return notifier.send(notification);
  }
}
