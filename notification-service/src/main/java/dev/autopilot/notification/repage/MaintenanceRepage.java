package dev.autopilot.notification.repage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.mute.MaintenanceWindows;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.pipeline.NotificationPipeline;
import dev.autopilot.platform.acklink.AckLinks;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.event.v1.AlertFired;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * When a maintenance window ends (its {@code maintenance.ended}, or its {@code endsAt} passing
 * without one), the alerts it held that still fire are paged, once per window occurrence, through
 * the normal intake: as notice {@code <held event id>#maintenance-end/<window id>} with the
 * firing's data and a fresh acknowledge link. Routing, the mute stage (another window still in
 * force holds it again), dedupe and escalation apply as to any {@code alert.fired}.
 *
 * <p>Why here and not only in alert-service, which fires a muted alert again when the window ends:
 * that {@code alert.fired} and this service's {@code maintenance.ended} travel on different topics,
 * so it may arrive while the window is still in force here and be held — and then nothing would
 * page it. Paging what the window held at its end covers that order; in the other order the re-fire
 * pages and this page is the duplicate that dedupe drops (same fingerprint, receiver and generation
 * within {@code repeat_interval}), so each alert is paged once either way.
 */
@ApplicationScoped
public class MaintenanceRepage {
  private static final Logger LOG = Logger.getLogger(MaintenanceRepage.class);
  private static final int BATCH = 20;

  private final MaintenanceWindows windows;
  private final HeldAlertRepository held;
  private final NotificationPipeline pipeline;
  private final AckLinks ackLinks;
  private final ObjectMapper mapper;

  public MaintenanceRepage(
      MaintenanceWindows windows,
      HeldAlertRepository held,
      NotificationPipeline pipeline,
      AckLinks ackLinks,
      ObjectMapper mapper) {
    this.windows = windows;
    this.held = held;
    this.pipeline = pipeline;
    this.ackLinks = ackLinks;
    this.mapper = mapper;
  }

  /**
   * The window's end was recorded in this transaction: pages what it held, unless this occurrence's
   * end was handled already. Returns how many alerts were paged again.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int windowEnded(UUID windowId) {
    if (!windows.claimEnded(windowId)) {
      return 0;
    }
    int paged = 0;
    for (HeldAlertRepository.HeldAlert alert : held.stillFiring(windowId)) {
      AlertFired fired;
      try {
        fired = mapper.readValue(alert.eventData(), AlertFired.class);
      } catch (JsonProcessingException e) {
        LOG.warnf("alert %s: held event %s unreadable (%s)", alert.alertId(), alert.eventId(), e);
        continue;
      }
      Instant now = Instant.now();
      Notice notice =
          new Notice(
              alert.eventId() + "#maintenance-end/" + windowId,
              Topics.ALERT_FIRED,
              "/notification-service",
              alert.heldAt(),
              fired,
              null,
              ackLinks.link(alert.alertId(), now).orElse(alert.ackLink()));
      pipeline.accept(notice);
      paged++;
    }
    LOG.infof("maintenance window %s ended: %d held alert(s) still firing paged", windowId, paged);
    return paged;
  }

  /**
   * Windows that ended by their {@code endsAt} (no {@code maintenance.ended} came), every {@code
   * notification.announce.poll-interval}; each in a transaction of its own.
   */
  @Scheduled(
      identity = "notification-maintenance-repage",
      every = "{notification.announce.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void endedByTime() {
    try {
      for (UUID windowId : windows.endedUnclaimed(BATCH)) {
        QuarkusTransaction.requiringNew().run(() -> windowEnded(windowId));
      }
    } catch (RuntimeException e) {
      LOG.warnf("maintenance re-paging paused until the next run: %s", e.getMessage());
    }
  }
}
