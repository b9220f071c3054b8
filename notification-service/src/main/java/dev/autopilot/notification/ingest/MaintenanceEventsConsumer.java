package dev.autopilot.notification.ingest;

import dev.autopilot.notification.announce.AnnouncementPlan;
import dev.autopilot.notification.announce.AnnouncementRepository;
import dev.autopilot.notification.announce.Announcer;
import dev.autopilot.notification.mute.MaintenanceWindows;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.pipeline.NotificationPipeline;
import dev.autopilot.notification.repage.MaintenanceRepage;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.CloudEvent;
import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.v1.MaintenanceEnded;
import dev.autopilot.platform.event.v1.MaintenanceScheduled;
import dev.autopilot.platform.event.v1.MaintenanceStarted;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Maintenance windows: scheduled ones get their announcements planned (announce.Announcer); started
 * and ended ones switch the mute stage on and off for the services they cover
 * (mute.MaintenanceWindows) and are routed like any event, unless the window's START / END
 * announcement already told the same news (then they are not told twice). When a window ends, the
 * alerts it held that still fire are paged (repage.MaintenanceRepage).
 */
@ApplicationScoped
public class MaintenanceEventsConsumer {
  private static final Logger LOG = Logger.getLogger(MaintenanceEventsConsumer.class);

  private final EventConsumer consumer;
  private final Announcer announcer;
  private final AnnouncementRepository announcements;
  private final MaintenanceWindows windows;
  private final NotificationPipeline pipeline;
  private final MaintenanceRepage repage;

  public MaintenanceEventsConsumer(
      EventConsumer consumer,
      Announcer announcer,
      AnnouncementRepository announcements,
      MaintenanceWindows windows,
      NotificationPipeline pipeline,
      MaintenanceRepage repage) {
    this.repage = repage;
    this.consumer = consumer;
    this.announcer = announcer;
    this.announcements = announcements;
    this.windows = windows;
    this.pipeline = pipeline;
  }

  @Incoming(Channels.MAINTENANCE_SCHEDULED)
  @Blocking
  public void onScheduled(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, MaintenanceScheduled.class, announcer::schedule);
  }

  @Incoming(Channels.MAINTENANCE_STARTED)
  @Blocking
  public void onStarted(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        MaintenanceStarted.class,
        event -> {
          MaintenanceStarted window = event.data();
          windows.started(
              window.windowId(),
              window.services(),
              window.environment(),
              window.endsAt(),
              at(event));
          tell(event, window.windowId(), AnnouncementPlan.START, window.endsAt());
        });
  }

  @Incoming(Channels.MAINTENANCE_ENDED)
  @Blocking
  public void onEnded(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        MaintenanceEnded.class,
        event -> {
          MaintenanceEnded window = event.data();
          windows.ended(window.windowId(), window.services(), window.environment(), at(event));
          tell(
              event,
              window.windowId(),
              AnnouncementPlan.END,
              windows.endsAt(window.windowId()).orElse(null));
          // alerts the window held that still fire are paged now (once).
          repage.windowEnded(window.windowId());
        });
  }

  private void tell(
      CloudEvent<? extends EventData> event, UUID windowId, String kind, Instant endsAt) {
    if (announcements.supersede(windowId, kind, endsAt, event.id())) {
      pipeline.accept(Notice.of(event, null));
    } else {
      LOG.infof(
          "%s %s: the window's %s announcement already told it",
          event.data().topic(), event.id(), kind);
    }
  }

  private static Instant at(CloudEvent<?> event) {
    return event.time() != null ? event.time() : Instant.now();
  }
}
