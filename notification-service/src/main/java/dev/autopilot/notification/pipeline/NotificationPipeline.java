package dev.autopilot.notification.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.channel.Notifiers;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.channel.email.EmailNotifier;
import dev.autopilot.notification.channel.sms.SmsNotifier;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.dedupe.Deduplicator;
import dev.autopilot.notification.delivery.AttemptRecorder;
import dev.autopilot.notification.escalation.EscalationRepository;
import dev.autopilot.notification.group.AlertGroupRepository;
import dev.autopilot.notification.mute.Muter;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.render.MessageRenderer;
import dev.autopilot.notification.render.RenderedMessage;
import dev.autopilot.notification.route.CompiledRouting;
import dev.autopilot.notification.route.Recipient;
import dev.autopilot.notification.route.Route;
import dev.autopilot.notification.route.Router;
import dev.autopilot.notification.store.DeliveryAttemptRepository;
import dev.autopilot.notification.store.NewNotification;
import dev.autopilot.notification.store.NotificationRecord;
import dev.autopilot.notification.store.NotificationRepository;
import dev.autopilot.notification.store.NotificationStatus;
import dev.autopilot.notification.throttle.Throttle;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Where the stages meet: the only class that knows their order (Alertmanager's notify pipeline).
 *
 * <pre>
 * intake   (consumer's transaction, with its inbox claim)
 *   route ─▶ group ─▶ mute ─▶ dedupe ─▶ render ─▶ record PENDING
 *   (tree)   (each     (time    (Redis:    (Qute)    (one row per event × channel × address)
 *             event     inter-   fingerprint
 *             its own   vals)    + receiver,
 *             group)             repeat_interval)
 * delivery (a transaction per notification, driven by DeliveryWorker)
 *   claim due row ─▶ throttle ─▶ deliver ─▶ record attempt ─▶ retry │ fallback + notification.failed
 *   (skip locked)    (Redis       (channel)   (delivery log)    (RetryPolicy)  (delivery.Fallback)
 *                     bucket)
 * </pre>
 *
 * <p>Delivery is at least once: a row is marked SENT only after the channel accepted the message,
 * in the transaction that holds its lock; a crash in between sends it once more.
 */
@ApplicationScoped
public class NotificationPipeline {
  private static final Logger LOG = Logger.getLogger(NotificationPipeline.class);

  /** Seconds a delivery transaction may take: above {@code quarkus.mailer.timeout}. */
  static final int DELIVERY_TRANSACTION_TIMEOUT = 120;

  private final Router router;
  private final MessageRenderer renderer;
  private final NotificationRepository notifications;
  private final Notifiers notifiers;
  private final AttemptRecorder attempts;
  private final DeliveryAttemptRepository log;
  private final Deduplicator deduplicator;
  private final Throttle throttle;
  private final EscalationRepository escalations;
  private final AlertGroupRepository groups;
  private final ObjectMapper mapper;
  private final boolean smsEnabled;

  public NotificationPipeline(
      Router router,
      MessageRenderer renderer,
      NotificationRepository notifications,
      Notifiers notifiers,
      AttemptRecorder attempts,
      DeliveryAttemptRepository log,
      Deduplicator deduplicator,
      Throttle throttle,
      EscalationRepository escalations,
      AlertGroupRepository groups,
      ObjectMapper mapper,
      NotificationConfig config) {
    this.groups = groups;
    this.escalations = escalations;
    this.router = router;
    this.renderer = renderer;
    this.notifications = notifications;
    this.notifiers = notifiers;
    this.attempts = attempts;
    this.log = log;
    this.deduplicator = deduplicator;
    this.throttle = throttle;
    this.mapper = mapper;
    this.smsEnabled = config.sms().enabled();
  }

  /**
   * Intake: turns a notice into PENDING notifications, in the caller's transaction (the consumer's,
   * so the inbox claim and the rows commit together). Returns how many were new.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int accept(Notice notice) {
    CompiledRouting routing = router.current();
    Map<String, String> labels = router.labels(notice);
    // route: depth-first over the tree. group: every event is its own group (see README).
    List<Route> routes = router.match(routing, labels);
    // mute: routes inside a mute interval (or outside their active intervals) tell nobody.
    Instant now = Instant.now();
    List<Route> live =
        routes.stream()
            .filter(
                r -> {
                  boolean muted =
                      Muter.muted(
                          r.muteTimeIntervals(),
                          r.activeTimeIntervals(),
                          routing.timeIntervals(),
                          now);
                  if (muted) {
                    LOG.infof("%s %s: route %s is muted now", notice.type(), notice.id(), r.path());
                  }
                  return !muted;
                })
            .toList();
    // group: alert events on routes with group_by wait in their aggregation group (group/).
    boolean groupable =
        Topics.ALERT_FIRED.equals(notice.type()) || Topics.ALERT_RESOLVED.equals(notice.type());
    List<Route> grouped =
        groupable ? live.stream().filter(r -> !r.groupBy().isEmpty()).toList() : List.of();
    List<Recipient> recipients =
        router.recipients(routing, live.stream().filter(r -> !grouped.contains(r)).toList());
    RenderedMessage message =
        recipients.isEmpty() && grouped.isEmpty()
            ? null
            : renderer.render(EmailNotifier.CHANNEL, notice);
    String severity = labels.get("severity");
    UUID alertId = alertId(notice, labels);
    String dedupKey = dedupKey(notice, labels, alertId);
    String eventData = json(notice);
    if (Topics.ALERT_RESOLVED.equals(notice.type()) && dedupKey != null) {
      deduplicator.reset(dedupKey);
    }
    // escalate: acknowledging or resolving stops the alert's escalations at once (same transaction
    // as the inbox claim); a firing starts one per matched route with an escalation policy.
    if (alertId != null && Topics.ALERT_ACKNOWLEDGED.equals(notice.type())) {
      escalations.stop(alertId, "ACKNOWLEDGED");
    } else if (alertId != null && Topics.ALERT_RESOLVED.equals(notice.type())) {
      escalations.stop(alertId, "RESOLVED");
    } else if (alertId != null && Topics.ALERT_FIRED.equals(notice.type())) {
      RenderedMessage page =
          message != null ? message : renderer.render(EmailNotifier.CHANNEL, notice);
      live.stream()
          .map(Route::escalationPolicy)
          .filter(java.util.Objects::nonNull)
          .distinct()
          .forEach(
              policy ->
                  escalations.start(
                      alertId,
                      policy,
                      new EscalationRepository.Page(
                          notice.id(),
                          page.subject(),
                          page.text(),
                          page.html(),
                          severity,
                          dedupKey,
                          notice.ackLink(),
                          eventData)));
    }
    int recorded = 0;
    for (Route route : grouped) {
      Map<String, String> groupLabels = new java.util.TreeMap<>();
      route.groupBy().forEach(l -> groupLabels.put(l, labels.getOrDefault(l, "")));
      String groupKey = route.path() + "|" + route.receiver() + "|" + groupLabels;
      if (Topics.ALERT_FIRED.equals(notice.type())
          && dedupKey != null
          && !deduplicator.first(
              dedupKey, "group|" + groupKey, notice.id(), route.repeatInterval())) {
        continue;
      }
      if (groups.add(
          groupKey,
          route.path(),
          route.receiver(),
          json(groupLabels),
          route.groupWait(),
          route.groupInterval(),
          new AlertGroupRepository.Member(
              notice.id(),
              notice.type(),
              message.subject(),
              message.text(),
              severity,
              dedupKey,
              alertId,
              notice.ackLink(),
              eventData))) {
        recorded++;
      }
    }
    for (Recipient recipient : recipients) {
      if (SmsNotifier.CHANNEL.equals(recipient.channel()) && !smsEnabled) {
        LOG.debugf("SMS disabled: %s not texted about %s", recipient.address(), notice.id());
        continue;
      }
      // dedupe: a second alert.fired for the same fingerprint within repeat_interval pages nobody.
      if (Topics.ALERT_FIRED.equals(notice.type())
          && dedupKey != null
          && !deduplicator.first(
              dedupKey,
              String.join("|", recipient.receiver(), recipient.channel(), recipient.address()),
              notice.id(),
              recipient.route().repeatInterval())) {
        LOG.infof(
            "alert %s already paged %s via %s within %s; event %s not sent",
            dedupKey,
            recipient.address(),
            recipient.channel(),
            recipient.route().repeatInterval(),
            notice.id());
        continue;
      }
      boolean inserted =
          notifications.insertPending(
              new NewNotification(
                  UUID.randomUUID(),
                  notice.id(),
                  notice.type(),
                  recipient.channel(),
                  recipient.address(),
                  message.subject(),
                  message.text(),
                  message.html(),
                  recipient.receiver(),
                  recipient.target(),
                  severity,
                  dedupKey,
                  alertId,
                  notice.ackLink(),
                  eventData,
                  null));
      if (inserted) {
        recorded++;
      }
    }
    return recorded;
  }

  /**
   * Delivery: sends the oldest due notification and records the attempt, in a transaction of its
   * own. Returns false when nothing was due.
   */
  public boolean deliverNext() {
    return QuarkusTransaction.requiringNew()
        .timeout(DELIVERY_TRANSACTION_TIMEOUT)
        .call(
            () -> {
              Optional<NotificationRecord> due = notifications.claimNextDue();
              if (due.isEmpty()) {
                return false;
              }
              NotificationRecord n = due.get();
              // throttle: no token, no send; the wait is not an attempt.
              Duration wait = throttle.acquire(n.channel(), n.receiverName() + ":" + n.receiver());
              if (!wait.isZero()) {
                notifications.postpone(n.id(), wait);
                log.record(n, n.attempts(), "THROTTLED", "throttled for " + wait, 0);
                return true;
              }
              long start = System.nanoTime();
              SendResult result = notifiers.send(n);
              long latencyMs = (System.nanoTime() - start) / 1_000_000;
              attempts.record(n, result, latencyMs);
              return true;
            });
  }

  /**
   * An operator's retry (or a dead letter's reprocessing): a FAILED notification goes back to
   * PENDING with a fresh set of attempts.
   *
   * @throws ProblemException 404 when it does not exist, 409 when it is not FAILED
   */
  @Transactional
  public NotificationRecord retry(UUID id) {
    NotificationRecord notification =
        notifications
            .findForUpdate(id)
            .orElseThrow(() -> ProblemException.notFound("notification " + id + " does not exist"));
    if (notification.status() != NotificationStatus.FAILED || !notifications.requeueFailed(id)) {
      throw ProblemException.conflict(
          "notification "
              + id
              + " is "
              + notification.status()
              + "; only a FAILED notification can be retried");
    }
    return notifications.find(id).orElseThrow();
  }

  private static UUID alertId(Notice notice, Map<String, String> labels) {
    if (notice.alert() != null) {
      return notice.alert().alertId();
    }
    String id = labels.get("alertId");
    if (id == null || !notice.type().startsWith("alert.")) {
      return null;
    }
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The alert's fingerprint (PagerDuty's dedup_key), else its id; null for other events. */
  private static String dedupKey(Notice notice, Map<String, String> labels, UUID alertId) {
    if (alertId == null) {
      return null;
    }
    String fingerprint = labels.get("fingerprint");
    if (fingerprint != null && !fingerprint.isBlank()) {
      return fingerprint;
    }
    if (notice.alert() != null && notice.alert().fingerprint() != null) {
      return notice.alert().fingerprint();
    }
    return alertId.toString();
  }

  private String json(Notice notice) {
    return json(notice.data());
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
