package dev.autopilot.notification.escalation;

import dev.autopilot.notification.channel.sms.SmsNotifier;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.pipeline.DeliveryWorker;
import dev.autopilot.notification.receiver.Integration;
import dev.autopilot.notification.receiver.Receiver;
import dev.autopilot.notification.render.EscalationMessage;
import dev.autopilot.notification.render.PageTemplates;
import dev.autopilot.notification.render.RenderedMessage;
import dev.autopilot.notification.route.CompiledRouting;
import dev.autopilot.notification.route.Router;
import dev.autopilot.notification.store.NewNotification;
import dev.autopilot.notification.store.NotificationRepository;
import dev.autopilot.platform.problem.RootCause;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Walks escalations: pages the due level of one escalation (each target: a schedule's on-call
 * member now, or a receiver; every integration of theirs) as ordinary notifications, which the
 * delivery pipeline then sends, retries and falls back; then schedules the next level after this
 * level's timeout (the first level waits the severity's ack deadline instead, when there is one).
 * Pages carry the alert's acknowledge link and are rendered with their own template ({@link
 * PageTemplates#escalation}: level, since when unacknowledged, then the alert as it fired);
 * acknowledging or resolving the alert stops the escalation ({@link EscalationRepository#stop}),
 * alert.suppressed pauses it ({@link EscalationRepository#suppress}).
 */
@ApplicationScoped
public class Escalator {
  private static final Logger LOG = Logger.getLogger(Escalator.class);

  /** How long an escalation whose paging failed waits before it is tried again. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  private final EscalationRepository escalations;
  private final NotificationRepository notifications;
  private final Router router;
  private final boolean smsEnabled;
  private final Instance<DeliveryWorker> delivery;
  private final PageTemplates pages;

  public Escalator(
      PageTemplates pages,
      EscalationRepository escalations,
      NotificationRepository notifications,
      Router router,
      Instance<DeliveryWorker> delivery,
      NotificationConfig config) {
    this.pages = pages;
    this.delivery = delivery;
    this.escalations = escalations;
    this.notifications = notifications;
    this.router = router;
    this.smsEnabled = config.sms().enabled();
  }

  /**
   * Pages the oldest due escalation level, in a transaction of its own; false if none is due. When
   * paging that one fails (its transaction rolled back), it is deferred by {@link #RETRY_AFTER} so
   * the next step goes on with the others instead of claiming it again: one escalation that cannot
   * be paged must not hold up every other. A failure to claim or to defer (the database) throws.
   */
  public boolean step() {
    AtomicReference<Escalation> claimed = new AtomicReference<>();
    try {
      return QuarkusTransaction.requiringNew()
          .call(
              () -> {
                Optional<Escalation> due = escalations.claimNextDue();
                if (due.isEmpty()) {
                  return false;
                }
                claimed.set(due.get());
                page(due.get(), router.current(), Instant.now());
                return true;
              });
    } catch (RuntimeException e) {
      Escalation failed = claimed.get();
      if (failed == null) {
        throw e;
      }
      QuarkusTransaction.requiringNew().run(() -> escalations.defer(failed.id(), RETRY_AFTER));
      LOG.warnf(
          "alert %s escalation %s: paging level %d failed, tried again in %s; the other"
              + " escalations go on: %s",
          failed.alertId(),
          failed.policy(),
          failed.level() + 1,
          RETRY_AFTER,
          RootCause.describe(e));
      return true;
    }
  }

  private void page(Escalation e, CompiledRouting routing, Instant now) {
    EscalationPolicy policy = routing.escalationPolicies().get(e.policy());
    if (policy == null || e.level() >= policy.levels().size()) {
      LOG.warnf("escalation %s: policy %s is no longer configured; stopped", e.id(), e.policy());
      escalations.exhaust(e.id());
      return;
    }
    EscalationPolicy.Level level = policy.levels().get(e.level());
    EscalationRepository.Page page = escalations.page(e.id());
    Set<String> receivers = new LinkedHashSet<>();
    for (String target : level.targets()) {
      OnCallSchedule schedule = routing.schedules().get(target);
      receivers.add(schedule != null ? schedule.onCall(now) : target);
    }
    RenderedMessage message =
        pages.escalation(
            new EscalationMessage(
                e.level() + 1,
                policy.levels().size(),
                e.cycle() + 1,
                policy.repeat() + 1,
                e.policy(),
                List.copyOf(receivers),
                page.subject(),
                page.bodyText(),
                page.ackLink(),
                e.startedAt(),
                PageTemplates.words(Duration.between(e.startedAt(), now))));
    int queued = 0;
    for (String name : receivers) {
      Receiver receiver = routing.receivers().get(name);
      if (receiver == null) {
        continue;
      }
      for (Integration integration : receiver.integrations()) {
        if (SmsNotifier.CHANNEL.equals(integration.channel()) && !smsEnabled) {
          continue;
        }
        for (String address : integration.addresses()) {
          if (notifications.insertPending(
              new NewNotification(
                  UUID.randomUUID(),
                  page.eventId() + "#escalation/" + e.cycle() + "/" + e.level(),
                  "alert.fired",
                  integration.channel(),
                  address,
                  message.subject(),
                  SmsNotifier.CHANNEL.equals(integration.channel())
                      ? message.subject()
                      : message.text(),
                  message.html(),
                  receiver.name(),
                  integration.target(),
                  page.severity(),
                  page.dedupKey(),
                  e.alertId(),
                  page.ackLink(),
                  page.eventData(),
                  null))) {
            queued++;
          }
        }
      }
    }
    if (queued > 0) {
      delivery.get().wakeAfterCommit();
    }
    LOG.infof(
        "alert %s escalation %s: level %d (cycle %d) pages %s (%d notification(s))",
        e.alertId(), e.policy(), e.level() + 1, e.cycle() + 1, receivers, queued);
    Duration wait = level.timeout();
    if (e.level() == 0 && e.cycle() == 0 && e.severity() != null) {
      wait = routing.ackDeadlines().getOrDefault(e.severity(), wait);
    }
    int nextLevel = e.level() + 1;
    int nextCycle = e.cycle();
    if (nextLevel >= policy.levels().size()) {
      nextLevel = 0;
      nextCycle++;
    }
    if (nextCycle > policy.repeat()) {
      escalations.exhaust(e.id());
    } else {
      escalations.advance(e.id(), nextLevel, nextCycle, wait);
    }
  }
}
