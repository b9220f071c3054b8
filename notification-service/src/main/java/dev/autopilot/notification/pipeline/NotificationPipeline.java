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
import dev.autopilot.notification.suppress.AlertSuppressions;
import dev.autopilot.notification.throttle.Throttle;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Where the stages meet: the only class that knows their order (Alertmanager's notify pipeline).
 *
 * <pre>
 * intake   (consumer's transaction, with its inbox claim)
 *   route ─▶ mute ─▶ group ─▶ dedupe ─▶ render ─▶ record PENDING (MUTED for what mute held)
 *   (tree)   (main-   (group_by (Redis:    (Qute per (one row per event × channel × address)
 *            tenance, routes    fingerprint channel)
 *            time     wait in   + receiver,
 *            inter-   alert_    repeat_
 *            vals)    group)    interval)
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
  private final Muter muter;
  private final AlertSuppressions suppressions;
  private final Instance<DeliveryWorker> worker;
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
      Muter muter,
      AlertSuppressions suppressions,
      Instance<DeliveryWorker> worker,
      ObjectMapper mapper,
      NotificationConfig config) {
    this.groups = groups;
    this.muter = muter;
    this.suppressions = suppressions;
    this.worker = worker;
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
   * Intake: turns a notice into PENDING notifications (and MUTED ones for what the mute stage
   * holds), in the caller's transaction (the consumer's, so the inbox claim and the rows commit
   * together). Returns how many were new.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int accept(Notice notice) {
    CompiledRouting routing = router.current();
    Map<String, String> labels = router.labels(notice);
    // route: depth-first over the tree.
    List<Route> routes = router.match(routing, labels);
    // mute: an alert.fired older than alert-service's suppression of the alert, or a maintenance
    // window covering the notice's service, holds every route; otherwise a route inside a mute
    // interval (or outside its active intervals) is held. Held notifications are recorded as
    // MUTED, never sent.
    Map<Route, String> muted = new LinkedHashMap<>();
    List<Route> live = new ArrayList<>();
    Instant now = Instant.now();
    UUID alertId = alertId(notice, labels);
    Optional<String> maintenance =
        (alertId != null && Topics.ALERT_FIRED.equals(notice.type())
                ? suppressions.holding(alertId, notice.time() == null ? now : notice.time())
                : Optional.<String>empty())
            .or(() -> muter.maintenance(notice.type(), labels));
    for (Route route : routes) {
      Optional<String> reason = maintenance.or(() -> muter.timeIntervals(route, routing, now));
      if (reason.isPresent()) {
        muted.put(route, reason.get());
        LOG.infof(
            "%s %s: route %s muted (%s)", notice.type(), notice.id(), route.path(), reason.get());
      } else {
        live.add(route);
      }
    }
    // group: on routes with group_by, events wait in their aggregation group (group/);
    // acknowledgements are not grouped (PagerDuty needs each one under its alert's dedup key).
    List<Route> grouped =
        Topics.ALERT_ACKNOWLEDGED.equals(notice.type())
            ? List.of()
            : live.stream().filter(r -> !r.groupBy().isEmpty()).toList();
    List<Recipient> recipients =
        router.recipients(routing, live.stream().filter(r -> !grouped.contains(r)).toList());
    // render: once per channel (templates/<channel>/), only for channels someone is told on.
    Map<String, RenderedMessage> messages = new HashMap<>();
    Function<String, RenderedMessage> message =
        channel -> messages.computeIfAbsent(channel, c -> renderer.render(c, notice));
    String severity = labels.get("severity");
    String dedupKey = dedupKey(notice, labels, alertId);
    String eventData = json(notice);
    if (Topics.ALERT_RESOLVED.equals(notice.type()) && dedupKey != null) {
      deduplicator.reset(dedupKey);
    }
    // escalate: acknowledging or resolving stops the alert's escalations at once (same transaction
    // as the inbox claim); a firing starts one per live matched route with an escalation policy.
    if (alertId != null && Topics.ALERT_ACKNOWLEDGED.equals(notice.type())) {
      escalations.stop(alertId, "ACKNOWLEDGED");
    } else if (alertId != null && Topics.ALERT_RESOLVED.equals(notice.type())) {
      escalations.stop(alertId, "RESOLVED");
    } else if (alertId != null && Topics.ALERT_FIRED.equals(notice.type())) {
      live.stream()
          .map(Route::escalationPolicy)
          .filter(java.util.Objects::nonNull)
          .distinct()
          .forEach(
              policy -> {
                RenderedMessage page = message.apply(EmailNotifier.CHANNEL);
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
                        eventData));
              });
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
      RenderedMessage email = message.apply(EmailNotifier.CHANNEL);
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
              email.subject(),
              email.text(),
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
      NewNotification n =
          notification(
              notice, recipient, message.apply(recipient.channel()), severity, dedupKey, alertId);
      if (notifications.insertPending(n)) {
        recorded++;
      }
    }
    // record what the mute stage held (after the live ones: an address both reach is told).
    for (Recipient recipient : router.recipients(routing, List.copyOf(muted.keySet()))) {
      if (SmsNotifier.CHANNEL.equals(recipient.channel()) && !smsEnabled) {
        continue;
      }
      NewNotification n =
          notification(
              notice, recipient, message.apply(recipient.channel()), severity, dedupKey, alertId);
      String reason = muted.get(recipient.route());
      if (notifications.insertMuted(n, reason)) {
        log.recordMuted(n, reason);
      }
    }
    if (recorded > 0) {
      worker.get().wakeAfterCommit();
    }
    return recorded;
  }

  private NewNotification notification(
      Notice notice,
      Recipient recipient,
      RenderedMessage message,
      String severity,
      String dedupKey,
      UUID alertId) {
    return new NewNotification(
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
        json(notice),
        null);
  }

  /**
   * Delivery: sends the oldest due notification of a channel and records the attempt, in a
   * transaction of its own. Returns false when nothing was due.
   */
  public boolean deliverNext(String channel) {
    return QuarkusTransaction.requiringNew()
        .timeout(DELIVERY_TRANSACTION_TIMEOUT)
        .call(
            () -> {
              Optional<NotificationRecord> due = notifications.claimNextDue(channel);
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
