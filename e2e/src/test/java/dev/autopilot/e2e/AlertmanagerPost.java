package dev.autopilot.e2e;

import java.time.Instant;

/** What Alertmanager posts to alert-service's webhook: one group with one firing alert. */
final class AlertmanagerPost {
  private AlertmanagerPost() {}

  /** Posts a firing critical alert named {@code name} (a word: letters and digits). */
  static Http.Reply firing(Suite suite, String name) throws Exception {
    return post(suite, body(name));
  }

  /** Posts a webhook body as it is (a re-delivery sends the same body again). */
  static Http.Reply post(Suite suite, String body) throws Exception {
    return Http.post(Suite.ALERT, "/webhooks/alertmanager", suite.adminToken, body);
  }

  /** The webhook of one firing critical alert named {@code name}, starting now. */
  static String body(String name) {
    String alert =
        "{\"status\":\"firing\",\"labels\":{\"alertname\":\""
            + name
            + "\",\"service\":\"drill\",\"environment\":\"local\",\"severity\":\"critical\"},"
            + "\"annotations\":{\"summary\":\"fault drill "
            + name
            + "\"},\"startsAt\":\""
            + Instant.now()
            + "\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prometheus/graph\","
            + "\"fingerprint\":\""
            + Integer.toHexString(name.hashCode())
            + "\"}";
    return "{\"receiver\":\"autopilot\",\"status\":\"firing\",\"alerts\":["
        + alert
        + "],\"groupLabels\":{\"alertname\":\""
        + name
        + "\"},\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"http://am\","
        + "\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\""
        + name
        + "\\\"}\",\"truncatedAlerts\":0}";
  }
}
