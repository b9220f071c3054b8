package dev.autopilot.notification.group;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.channel.sms.SmsNotifier;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.pipeline.DeliveryWorker;
import dev.autopilot.notification.receiver.Integration;
import dev.autopilot.notification.receiver.Receiver;
import dev.autopilot.notification.render.GroupDigest;
import dev.autopilot.notification.render.PageTemplates;
import dev.autopilot.notification.render.RenderedMessage;
import dev.autopilot.notification.route.Router;
import dev.autopilot.notification.store.NewNotification;
import dev.autopilot.notification.store.NotificationRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Tells a group's waiting events together: every {@code notification.group.poll-interval} each due
 * group becomes one message per address of its receiver ({@code [FIRING:3] service=orders} for
 * alerts, {@code [3 deploy.succeeded] service=orders} or {@code [3 events] …} for others; the body
 * is the group digest template, {@link PageTemplates#group}: the members listed, then each one's
 * message; SMS gets the subject only), recorded as ordinary notifications (so retries, fallback and
 * the delivery log apply) in the transaction that marks the members told. A lone member keeps its
 * own subject.
 */
@ApplicationScoped
public class GroupFlusher {
  private static final Logger LOG = Logger.getLogger(GroupFlusher.class);
  private static final int BATCH = 50;
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private final AlertGroupRepository groups;
  private final NotificationRepository notifications;
  private final Router router;
  private final boolean smsEnabled;
  private final ObjectMapper mapper;
  private final Instance<DeliveryWorker> delivery;
  private final PageTemplates pages;

  public GroupFlusher(
      PageTemplates pages,
      AlertGroupRepository groups,
      NotificationRepository notifications,
      Router router,
      NotificationConfig config,
      ObjectMapper mapper,
      Instance<DeliveryWorker> delivery) {
    this.pages = pages;
    this.delivery = delivery;
    this.mapper = mapper;
    this.groups = groups;
    this.notifications = notifications;
    this.router = router;
    this.smsEnabled = config.sms().enabled();
  }

  @Scheduled(
      identity = "notification-groups",
      every = "{notification.group.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void flushDue() {
    for (int i = 0; i < BATCH; i++) {
      try {
        if (!flushNext()) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.warnf("group flushing paused until the next run: %s", e.getMessage());
        return;
      }
    }
  }

  /** Flushes the oldest due group; false when none is due. */
  public boolean flushNext() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Optional<AlertGroupRepository.Due> due = groups.claimNextDue();
              if (due.isEmpty()) {
                return false;
              }
              flush(due.get());
              return true;
            });
  }

  private void flush(AlertGroupRepository.Due group) {
    List<AlertGroupRepository.Member> members = groups.pending(group.groupKey());
    Receiver receiver = router.current().receivers().get(group.receiver());
    if (members.isEmpty() || receiver == null) {
      groups.flushed(group.groupKey());
      return;
    }
    long firing = members.stream().filter(m -> m.eventType().equals("alert.fired")).count();
    boolean alerts = members.stream().allMatch(m -> m.eventType().startsWith("alert."));
    List<String> types =
        members.stream().map(AlertGroupRepository.Member::eventType).distinct().toList();
    String subject;
    if (members.size() == 1) {
      subject = members.get(0).subject();
    } else if (alerts) {
      subject =
          (firing > 0 ? "[FIRING:" + firing + "] " : "[RESOLVED:" + members.size() + "] ")
              + labels(group.labels());
    } else {
      subject =
          "["
              + members.size()
              + " "
              + (types.size() == 1 ? types.get(0) : "events")
              + "] "
              + labels(group.labels());
    }
    String eventType;
    if (types.size() == 1) {
      eventType = types.get(0);
    } else if (alerts) {
      eventType = firing > 0 ? "alert.fired" : "alert.resolved";
    } else {
      eventType = members.get(members.size() - 1).eventType();
    }
    RenderedMessage message =
        pages.group(
            new GroupDigest(
                subject,
                labels(group.labels()),
                group.routePath(),
                firing,
                members.stream()
                    .map(
                        m ->
                            new GroupDigest.Member(
                                m.eventType(),
                                m.subject(),
                                m.severity(),
                                m.alertId() == null ? null : m.alertId().toString(),
                                m.ackLink(),
                                m.bodyText()))
                    .toList()));
    String severity =
        members.stream()
            .map(AlertGroupRepository.Member::severity)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .orElse(null);
    AlertGroupRepository.Member first = members.get(0);
    String eventId = "group/" + group.groupKey() + "/" + group.flushes();
    int queued = 0;
    for (Integration integration : receiver.integrations()) {
      if (SmsNotifier.CHANNEL.equals(integration.channel()) && !smsEnabled) {
        continue;
      }
      for (String address : integration.addresses()) {
        if (notifications.insertPending(
            new NewNotification(
                UUID.randomUUID(),
                eventId,
                eventType,
                integration.channel(),
                address,
                subject,
                SmsNotifier.CHANNEL.equals(integration.channel()) ? subject : message.text(),
                message.html(),
                receiver.name(),
                integration.target(),
                severity,
                members.size() == 1 ? first.dedupKey() : group.groupKey(),
                members.size() == 1 ? first.alertId() : null,
                members.size() == 1 ? first.ackLink() : null,
                first.eventData(),
                null))) {
          queued++;
        }
      }
    }
    groups.flushed(group.groupKey());
    if (queued > 0) {
      delivery.get().wakeAfterCommit();
    }
    LOG.infof(
        "group %s (%s): %d alert(s) told to %s in %d notification(s)",
        group.groupKey(), group.routePath(), members.size(), receiver.name(), queued);
  }

  /** The group's labels as {@code name=value name=value}, in name order. */
  private String labels(String json) {
    try {
      Map<String, String> labels = mapper.readValue(json, LABELS);
      return new TreeMap<>(labels)
          .entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(" "));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * HTML-escapes plain text for a {@code <pre>} body (delivery.Fallback's HTML part). Hand-written:
   * five replacements, where pulling a Qute template in for one variable would hide what is
   * escaped.
   */
  public static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
