package dev.autopilot.alert.ingest;

import dev.autopilot.alert.config.AlertConfig;
import dev.autopilot.alert.store.DeployWatchRepository;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.DeploySucceeded;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Remembers each service/environment's last successful deployment and its watch window ({@code
 * deploy.succeeded.watchUntil}), so alerts opened inside the window carry its deploymentId.
 */
@ApplicationScoped
public class DeployEventsConsumer {
  private final EventConsumer consumer;
  private final DeployWatchRepository watches;
  private final AlertConfig config;
  private final SuiteEventsConsumer facts;

  public DeployEventsConsumer(
      EventConsumer consumer,
      DeployWatchRepository watches,
      AlertConfig config,
      SuiteEventsConsumer facts) {
    this.consumer = consumer;
    this.watches = watches;
    this.config = config;
    this.facts = facts;
  }

  @Incoming(Channels.DEPLOY_SUCCEEDED)
  @Blocking
  public void onSucceeded(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        DeploySucceeded.class,
        event -> {
          DeploySucceeded d = event.data();
          if (d.service() == null) {
            return;
          }
          Instant until =
              d.watchUntil() != null
                  ? d.watchUntil()
                  : event.time() == null
                      ? Instant.now().plus(config.deploy().defaultWatch())
                      : event.time().plus(config.deploy().defaultWatch());
          watches.record(d.service(), d.environment(), d.deploymentId(), until);
          facts.deploySucceeded(d.service(), d.environment(), event);
        });
  }
}
