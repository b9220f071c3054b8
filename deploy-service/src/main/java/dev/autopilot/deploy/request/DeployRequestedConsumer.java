package dev.autopilot.deploy.request;

import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.CloudEvent;
import dev.autopilot.platform.event.v1.DeployRequested;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Deployment requests from CI on {@code deploy.requested}, CloudEvents or plain JSON. Invalid data
 * is dead-lettered by the platform; a valid request for something this service does not deploy is
 * answered with {@code deploy.rejected}.
 */
@ApplicationScoped
public class DeployRequestedConsumer {
  private final EventConsumer consumer;
  private final DeploymentRequests requests;

  public DeployRequestedConsumer(EventConsumer consumer, DeploymentRequests requests) {
    this.consumer = consumer;
    this.requests = requests;
  }

  @Incoming(Channels.DEPLOY_REQUESTED)
  @Blocking
  public void onRequested(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        DeployRequested.class,
        event -> {
          Submission submission = requests.submit(event.data(), requestedBy(event));
          if (submission instanceof Submission.Refused refused) {
            requests.reject(event.data(), refused);
          }
        });
  }

  /** Who asked: the event's requestedBy, else its CloudEvents source. */
  static String requestedBy(CloudEvent<DeployRequested> event) {
    String by = event.data().requestedBy();
    return by == null || by.isBlank() ? "event:" + event.source() : by.strip();
  }
}
