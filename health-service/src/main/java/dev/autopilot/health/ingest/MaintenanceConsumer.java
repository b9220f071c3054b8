package dev.autopilot.health.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.health.store.WindowRepository;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.MaintenanceEnded;
import dev.autopilot.platform.event.v1.MaintenanceStarted;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * maintenance.started records the window and puts the covered targets into MAINTENANCE at once;
 * maintenance.ended forgets it and moves targets no other window covers back to UNKNOWN. A window
 * without services covers every service of its environment; without an environment, all of them.
 */
@ApplicationScoped
public class MaintenanceConsumer {
  private static final Logger LOG = Logger.getLogger(MaintenanceConsumer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventConsumer consumer;
  private final WindowRepository windows;

  public MaintenanceConsumer(EventConsumer consumer, WindowRepository windows) {
    this.consumer = consumer;
    this.windows = windows;
  }

  @Incoming(Channels.MAINTENANCE_STARTED)
  @Blocking
  public void onStarted(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, MaintenanceStarted.class, event -> started(event.data()));
  }

  @Incoming(Channels.MAINTENANCE_ENDED)
  @Blocking
  public void onEnded(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, MaintenanceEnded.class, event -> ended(event.data()));
  }

  private void started(MaintenanceStarted started) {
    Instant now = Instant.now();
    windows.startMaintenance(
        started.windowId(),
        json(started.services()),
        blankToNull(started.environment()),
        started.endsAt(),
        started.description(),
        now);
    int marked = windows.markMaintenance(now);
    LOG.infof(
        "maintenance %s started for %s/%s: %d targets in MAINTENANCE",
        started.windowId(), started.services(), started.environment(), marked);
  }

  private void ended(MaintenanceEnded ended) {
    Instant now = Instant.now();
    windows.endMaintenance(ended.windowId());
    int released = windows.releaseMaintenance(now);
    LOG.infof("maintenance %s ended: %d targets resume", ended.windowId(), released);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String json(List<String> services) {
    try {
      return JSON.writeValueAsString(services == null ? List.of() : services);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
