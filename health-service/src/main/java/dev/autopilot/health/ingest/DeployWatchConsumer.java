package dev.autopilot.health.ingest;

import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.WindowRepository;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.consume.PermanentEventException;
import dev.autopilot.platform.event.v1.DeploySucceeded;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * deploy.succeeded starts the post-deploy watch of its service/environment until {@code watchUntil}
 * (or {@code health.deploy-watch.default-window} from now): a health.degraded inside it carries the
 * deploymentId, tying an outage to the deploy that likely caused it.
 */
@ApplicationScoped
public class DeployWatchConsumer {
  private final EventConsumer consumer;
  private final WindowRepository windows;
  private final HealthConfig config;

  public DeployWatchConsumer(
      EventConsumer consumer, WindowRepository windows, HealthConfig config) {
    this.consumer = consumer;
    this.windows = windows;
    this.config = config;
  }

  @Incoming(Channels.DEPLOY_SUCCEEDED)
  @Blocking
  public void onSucceeded(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, DeploySucceeded.class, event -> watch(event.data()));
  }

  private void watch(DeploySucceeded deployed) {
    if (deployed.service() == null || deployed.environment() == null) {
      throw new PermanentEventException("deploy.succeeded without service or environment");
    }
    Instant until =
        deployed.watchUntil() != null
            ? deployed.watchUntil()
            : Instant.now().plus(config.deployWatch().defaultWindow());
    windows.watch(deployed.service(), deployed.environment(), deployed.deploymentId(), until);
  }
}
