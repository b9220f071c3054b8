package dev.autopilot.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Turns Quarkus' {@code kafka.*} configuration into settings for plain Kafka clients. */
final class KafkaSettings {
  /** Keys of the broker map that only make sense for the messaging connector. */
  private static final Set<String> CONNECTOR_ONLY = Set.of("health-enabled", "health-timeout");

  private KafkaSettings() {}

  static Map<String, Object> clientConfig(Map<String, Object> kafkaConfig) {
    Map<String, Object> config = new HashMap<>();
    kafkaConfig.forEach(
        (k, v) -> {
          if (!CONNECTOR_ONLY.contains(k) && k.contains(".")) {
            config.put(k, v);
          }
        });
    config.putIfAbsent("bootstrap.servers", kafkaConfig.get("bootstrap.servers"));
    return config;
  }
}
