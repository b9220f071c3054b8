package dev.autopilot.notification.announce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.pipeline.NotificationPipeline;
import dev.autopilot.platform.event.CloudEvent;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.event.v1.MaintenanceScheduled;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Maintenance announcements: {@link #schedule} plans them when maintenance.scheduled is consumed
 * (in the consumer's transaction); every {@code notification.announce.poll-interval} the due ones
 * go through the pipeline's intake as notices of type maintenance.scheduled with their {@code
 * announcement} kind, routed like any event, in the transaction that marks them sent: a restart
 * neither loses nor repeats one. Each announcement's event id is {@code <event id>#<kind>}, so its
 * notifications are unique per announcement.
 */
@ApplicationScoped
public class Announcer {
  private static final Logger LOG = Logger.getLogger(Announcer.class);
  private static final int BATCH = 50;

  private final AnnouncementRepository announcements;
  private final NotificationPipeline pipeline;
  private final ObjectMapper mapper;

  public Announcer(
      AnnouncementRepository announcements, NotificationPipeline pipeline, ObjectMapper mapper) {
    this.announcements = announcements;
    this.pipeline = pipeline;
    this.mapper = mapper;
  }

  /** Plans the announcements of a scheduled window, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public int schedule(CloudEvent<MaintenanceScheduled> event) {
    MaintenanceScheduled window = event.data();
    Map<String, Instant> plan =
        AnnouncementPlan.plan(window.startsAt(), window.endsAt(), Instant.now());
    String data;
    try {
      data = mapper.writeValueAsString(window);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    plan.forEach(
        (kind, due) ->
            announcements.schedule(window.windowId(), kind, due, event.id(), event.source(), data));
    LOG.infof("maintenance window %s: announcements %s", window.windowId(), plan);
    return plan.size();
  }

  @Scheduled(
      identity = "notification-announcements",
      every = "{notification.announce.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void announceDue() {
    for (int i = 0; i < BATCH; i++) {
      try {
        if (!announceNext()) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.warnf("maintenance announcements paused until the next run: %s", e.getMessage());
        return;
      }
    }
  }

  /** Sends the oldest due announcement; false when none is due. */
  public boolean announceNext() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Optional<AnnouncementRepository.Due> due = announcements.claimNextDue();
              if (due.isEmpty()) {
                return false;
              }
              AnnouncementRepository.Due a = due.get();
              MaintenanceScheduled window =
                  mapper.readValue(a.eventData(), MaintenanceScheduled.class);
              pipeline.accept(
                  new Notice(
                      a.eventId() + "#" + a.kind(),
                      Topics.MAINTENANCE_SCHEDULED,
                      a.source(),
                      Instant.now(),
                      window,
                      null,
                      null,
                      a.kind()));
              announcements.markSent(a.id());
              return true;
            });
  }
}
