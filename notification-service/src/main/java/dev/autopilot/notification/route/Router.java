package dev.autopilot.notification.route;

import dev.autopilot.notification.channel.email.EmailNotifier;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.notice.Notice;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Decides who hears about a notice. The walking skeleton has one route, the default: every receiver
 * in {@code notification.email.to} by email. Route matching (Alertmanager's routing tree) replaces
 * the body of {@link #route}; its callers stay as they are.
 */
@ApplicationScoped
public class Router {
  private final List<Recipient> defaultReceivers;

  public Router(NotificationConfig config) {
    this.defaultReceivers =
        config.email().to().stream()
            .map(String::strip)
            .distinct()
            .map(address -> new Recipient(EmailNotifier.CHANNEL, address))
            .toList();
  }

  /** The recipients of a notice, each once; empty means nobody is told. */
  public List<Recipient> route(Notice notice) {
    return defaultReceivers;
  }
}
