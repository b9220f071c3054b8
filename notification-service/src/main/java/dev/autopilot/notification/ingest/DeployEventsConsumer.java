package dev.autopilot.notification.ingest;

import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.pipeline.NotificationPipeline;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.DeployFailed;
import dev.autopilot.platform.event.v1.DeployRejected;
import dev.autopilot.platform.event.v1.DeployRolledBack;
import dev.autopilot.platform.event.v1.DeployStarted;
import dev.autopilot.platform.event.v1.DeploySucceeded;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Tells people when a deployment starts and how it ended: succeeded, failed, rolled back, or
 * rejected.
 */
@ApplicationScoped
public class DeployEventsConsumer {
  private final EventConsumer consumer;
  private final NotificationPipeline pipeline;

  public DeployEventsConsumer(EventConsumer consumer, NotificationPipeline pipeline) {
    this.consumer = consumer;
    this.pipeline = pipeline;
  }

  @Incoming(Channels.DEPLOY_STARTED)
  @Blocking
  public void onStarted(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, DeployStarted.class, event -> pipeline.accept(Notice.of(event, null)));
  }

  @Incoming(Channels.DEPLOY_SUCCEEDED)
  @Blocking
  public void onSucceeded(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record, DeploySucceeded.class, event -> pipeline.accept(Notice.of(event, null)));
  }

  @Incoming(Channels.DEPLOY_FAILED)
  @Blocking
  public void onFailed(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, DeployFailed.class, event -> pipeline.accept(Notice.of(event, null)));
  }

  @Incoming(Channels.DEPLOY_ROLLED_BACK)
  @Blocking
  public void onRolledBack(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record, DeployRolledBack.class, event -> pipeline.accept(Notice.of(event, null)));
  }

  @Incoming(Channels.DEPLOY_REJECTED)
  @Blocking
  public void onRejected(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, DeployRejected.class, event -> pipeline.accept(Notice.of(event, null)));
  }
}
