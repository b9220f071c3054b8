package dev.autopilot.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The seed runbook's "page the on-call when the error rate stays above 5%" with the real binaries:
 * the Prometheus and Alertmanager that {@code ./autopilot up} runs from deploy/prometheus and
 * deploy/alertmanager (Debian packages), the demo app failing half its requests, alert-service
 * taking Alertmanager's webhook, notification-service emailing the on-call a page with a one-time
 * acknowledge link, the link acknowledging the alert, and the resolution arriving when the error
 * rate drops.
 */
@Order(2)
class PrometheusAlertingTest {
  private static final Duration FLOW = Duration.ofMinutes(4);
  private static final String ONCALL = "oncall@autopilot.local";

  /**
   * The rule's summary annotation (deploy/prometheus/rules/demo.yml), which pages use as subject.
   */
  private static final String FIRING_SUBJECT = "Demo API error rate is";

  private static final Pattern ACK_LINK =
      Pattern.compile("(http://[^\\s\"'<>]+/ack/[A-Za-z0-9_.-]+)");

  @Test
  void errorRateFiresInPrometheusPagesTheOnCallAndTheLinkAcknowledges() throws Exception {
    Suite suite = Suite.get();
    assertThat(Http.get(Suite.PROMETHEUS, "/-/ready", null).status()).isEqualTo(200);
    assertThat(Http.get(Suite.ALERTMANAGER, "/-/ready", null).status()).isEqualTo(200);

    AtomicBoolean traffic = new AtomicBoolean(true);
    Thread load =
        new Thread(
            () -> {
              while (traffic.get()) {
                try {
                  Http.get(Suite.DEMO, "/", null);
                  Thread.sleep(50);
                } catch (Exception e) {
                  // the demo may be restarting: keep going
                }
              }
            },
            "demo-traffic");
    load.setDaemon(true);
    load.start();
    try {
      assertThat(Http.post(Suite.DEMO, "/admin/error-rate?value=0.5", null, "").status())
          .isEqualTo(200);

      AtomicReference<JsonNode> alert = new AtomicReference<>();
      await()
          .atMost(FLOW)
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> firing(suite).map(a -> alert.compareAndSet(null, a) || true).orElse(false));
      assertThat(alert.get().path("source").asText()).containsIgnoringCase("alertmanager");
      String alertId = alert.get().path("id").asText();

      AtomicReference<String> link = new AtomicReference<>();
      await()
          .atMost(FLOW)
          .pollInterval(Duration.ofSeconds(2))
          .until(
              () -> {
                for (JsonNode message : Mailbox.messages(ONCALL)) {
                  if (message.path("subject").asText().contains(FIRING_SUBJECT)) {
                    // The raw MIME text: undo quoted-printable soft line breaks and "=" escapes.
                    String raw =
                        message
                            .path("mimeMessage")
                            .asText(message.toString())
                            .replace("=\r\n", "")
                            .replace("=\n", "")
                            .replace("=3D", "=");
                    Matcher m = ACK_LINK.matcher(raw);
                    if (m.find()) {
                      link.set(m.group(1));
                      return true;
                    }
                  }
                }
                return false;
              });
      String path = link.get().replaceFirst("^http://[^/]+", "");
      Http.Reply page = Http.get(Suite.ALERT, path, null);
      assertThat(page.status()).as(page.text()).isEqualTo(200);
      assertThat(alertState(suite, alertId)).as("GET must not acknowledge").isEqualTo("FIRING");
      Http.Reply ack = Http.post(Suite.ALERT, path, null, "");
      assertThat(ack.status()).as(ack.text()).isBetween(200, 299);
      assertThat(alertState(suite, alertId)).isEqualTo("ACKNOWLEDGED");
      assertThat(Http.post(Suite.ALERT, path, null, "").status())
          .as("a link works once")
          .isBetween(400, 499);

      assertThat(Http.post(Suite.DEMO, "/admin/error-rate?value=0", null, "").status())
          .isEqualTo(200);
      await()
          .atMost(FLOW)
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> alertState(suite, alertId).equals("RESOLVED"));
      await()
          .atMost(FLOW)
          .until(
              () ->
                  Mailbox.subjects(ONCALL).stream()
                      .anyMatch(s -> s.contains("RESOLVED") && s.contains(FIRING_SUBJECT)));
    } finally {
      traffic.set(false);
      load.join(5_000);
      Http.post(Suite.DEMO, "/admin/error-rate?value=0", null, "");
    }
  }

  private static Optional<JsonNode> firing(Suite suite) throws Exception {
    for (JsonNode alert : Http.get(Suite.ALERT, "/alerts?state=FIRING", suite.adminToken).body()) {
      if ("DemoHighErrorRate".equals(alert.path("name").asText())) {
        return Optional.of(alert);
      }
    }
    return Optional.empty();
  }

  private static String alertState(Suite suite, String id) throws Exception {
    return Http.get(Suite.ALERT, "/alerts/" + id, suite.adminToken).body().path("state").asText();
  }
}
