package dev.autopilot.notification.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.store.KnownAlert;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The labels a notice is routed on. Every event type gets the same treatment: the event's top-level
 * scalar fields (e.g. {@code service}, {@code environment}, {@code severity}, {@code name}), lists
 * of scalars joined by commas (maintenance {@code services}), then its {@code labels} map (alerts),
 * plus {@code event} = the event type and {@code alertname} = an alert's name. For an alert's
 * resolution or acknowledgement, the alert as it fired supplies name, severity and labels.
 */
public final class NoticeLabels {
  private NoticeLabels() {}

  /** The labels of a notice. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> of(Notice notice, ObjectMapper mapper) {
    Map<String, String> labels = new LinkedHashMap<>();
    KnownAlert alert = notice.alert();
    if (alert != null) {
      put(labels, "name", alert.name());
      put(labels, "severity", alert.severity());
      if (alert.labels() != null) {
        labels.putAll(alert.labels());
      }
    }
    Map<String, Object> data = mapper.convertValue(notice.data(), Map.class);
    data.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> map && "labels".equals(key)) {
            map.forEach((k, v) -> put(labels, String.valueOf(k), v == null ? null : v.toString()));
          } else if (value instanceof Collection<?> list
              && list.stream()
                  .allMatch(v -> v == null || !(v instanceof Map || v instanceof Collection))) {
            put(labels, key, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
          } else if (value != null && !(value instanceof Map) && !(value instanceof Collection)) {
            labels.putIfAbsent(key, value.toString());
          }
        });
    if (labels.containsKey("name")) {
      labels.putIfAbsent("alertname", labels.get("name"));
    }
    labels.put("event", notice.type());
    return labels;
  }

  private static void put(Map<String, String> labels, String key, String value) {
    if (value != null) {
      labels.put(key, value);
    }
  }
}
