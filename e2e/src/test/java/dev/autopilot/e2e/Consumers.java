package dev.autopilot.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Who consumes which topic, read from every service's own {@code application.properties} (the
 * {@code mp.messaging.incoming.<channel>.topic} lines), so a new consumer is covered without being
 * listed.
 *
 * @param service the service's name ({@code autopilot.service-name}): dead letters name their
 *     consumer {@code <service>/<topic>}
 * @param group its consumer group id, or a prefix ending in {@code -} when the group is per process
 */
record Consumers(String service, String topic, String group) {

  /** Every consumer of every service, by topic. */
  static Map<String, List<Consumers>> byTopic(Path root) throws IOException {
    Map<String, List<Consumers>> all = new TreeMap<>();
    try (DirectoryStream<Path> modules = Files.newDirectoryStream(root, "*-service")) {
      for (Path module : modules) {
        Path file = module.resolve("src/main/resources/application.properties");
        if (!Files.exists(file)) {
          continue;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
          p.load(r);
        }
        String service = p.getProperty("autopilot.service-name");
        for (String key : p.stringPropertyNames()) {
          if (!key.startsWith("mp.messaging.incoming.") || !key.endsWith(".topic")) {
            continue;
          }
          String channel = key.substring(0, key.length() - ".topic".length());
          String group = p.getProperty(channel + ".group.id", service);
          int placeholder = group.indexOf("${");
          if (placeholder >= 0) {
            group = group.substring(0, placeholder); // per process: a prefix
          }
          String topic = p.getProperty(key);
          all.computeIfAbsent(topic, t -> new ArrayList<>())
              .add(new Consumers(service, topic, group));
        }
      }
    }
    return all;
  }

  /** The consumer name dead letters carry. */
  String deadLetterConsumer() {
    return service + "/" + topic;
  }

  @Override
  public String toString() {
    return service + " ← " + topic;
  }
}
