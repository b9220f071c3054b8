package dev.autopilot.platform.kafka;

import dev.autopilot.platform.config.PlatformConfig;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.jboss.logging.Logger;

/**
 * Creates the catalog's topics and their dead-letter topics when missing, so consumers never wait
 * on broker auto-creation. Runs in the background: a broker that is down at start only delays it.
 */
@ApplicationScoped
public class TopicInitializer {
  private static final Logger LOG = Logger.getLogger(TopicInitializer.class);
  private final PlatformConfig config;
  private final Map<String, Object> kafkaConfig;

  public TopicInitializer(
      PlatformConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.config = config;
    this.kafkaConfig = kafkaConfig;
  }

  void onStart(@Observes StartupEvent event) {
    if (config.kafka().createTopics()) {
      Thread thread = new Thread(this::createWithRetries, "topic-initializer");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void createWithRetries() {
    Duration backoff = Duration.ofSeconds(1);
    for (int attempt = 1; attempt <= 30; attempt++) {
      try {
        createMissing();
        return;
      } catch (Exception e) {
        LOG.warnf("creating topics failed (attempt %d): %s", attempt, e.getMessage());
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Creates every missing catalog topic and dead-letter topic. */
  public void createMissing() throws Exception {
    Map<String, Object> adminConfig = new HashMap<>(KafkaSettings.clientConfig(kafkaConfig));
    adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    try (Admin admin = Admin.create(adminConfig)) {
      Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : Topics.ALL) {
        for (String name : List.of(topic, Topics.dlqOf(topic))) {
          if (!existing.contains(name)) {
            missing.add(
                new NewTopic(
                    name, config.kafka().partitions(), config.kafka().replicationFactor()));
          }
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      admin.createTopics(missing).values().values().forEach(TopicInitializer::ignoreExists);
      LOG.infof("created %d topics", missing.size());
    }
  }

  private static void ignoreExists(org.apache.kafka.common.KafkaFuture<Void> future) {
    try {
      future.get(15, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw new IllegalStateException(e.getCause());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
