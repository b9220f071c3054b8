package dev.autopilot.notification.channel.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.channel.http.HttpSender;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.store.KnownAlertRepository;
import dev.autopilot.platform.config.PlatformConfig;
import dev.autopilot.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * PagerDuty acknowledgements flowing back: a v3 webhook {@code incident.acknowledged} whose
 * incident key is an alert fingerprint acknowledges that fingerprint's open alerts in alert-service
 * ({@code POST /alerts/{id}/ack} with the suite's client token). PagerDuty signs the raw body:
 * {@code X-PagerDuty-Signature: v1=hex(HMAC-SHA256(secret, body))} (several comma-separated during
 * secret rotation).
 */
@ApplicationScoped
public class PagerDutyAcks {
  private static final Logger LOG = Logger.getLogger(PagerDutyAcks.class);

  private final Optional<String> secret;
  private final Optional<String> alertService;
  private final Optional<String> token;
  private final KnownAlertRepository alerts;
  private final HttpSender http;
  private final ObjectMapper mapper;

  public PagerDutyAcks(
      NotificationConfig config,
      PlatformConfig platform,
      KnownAlertRepository alerts,
      HttpSender http,
      ObjectMapper mapper) {
    this.secret = config.pagerduty().webhookSecret().filter(s -> !s.isBlank());
    this.alertService =
        config
            .pagerduty()
            .alertServiceUrl()
            .filter(s -> !s.isBlank())
            .map(u -> u.replaceAll("/+$", ""));
    this.token = platform.client().token().filter(s -> !s.isBlank());
    this.alerts = alerts;
    this.http = http;
    this.mapper = mapper;
  }

  /**
   * Handles one webhook delivery; returns the alerts acknowledged.
   *
   * @throws ProblemException 404 when not configured, 401 for a bad signature, 400 for bad JSON
   */
  public List<UUID> handle(String body, String signatures) {
    if (secret.isEmpty() || alertService.isEmpty()) {
      throw ProblemException.notFound("PagerDuty acknowledgements are not configured");
    }
    if (!signed(body, signatures)) {
      throw new ProblemException(401, "Unauthorized", "missing or wrong X-PagerDuty-Signature");
    }
    JsonNode event;
    try {
      event = mapper.readTree(body).path("event");
    } catch (Exception e) {
      throw ProblemException.badField("body", "is not JSON");
    }
    if (!"incident.acknowledged".equals(event.path("event_type").asText())) {
      return List.of();
    }
    JsonNode data = event.path("data");
    String key = data.path("incident_key").asText(data.path("dedup_key").asText(""));
    if (key.isBlank()) {
      throw ProblemException.badField("event.data.incident_key", "is required");
    }
    List<UUID> acknowledged = new ArrayList<>();
    for (UUID alertId : alerts.openByFingerprint(key)) {
      SendResult result =
          http.post(
              "alert-service",
              alertService.get() + "/alerts/" + alertId + "/ack",
              token.map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of()),
              null,
              null,
              new HttpSender.Body("application/json", ""));
      if (result.delivered() || (result.error() != null && result.error().contains("HTTP 409"))) {
        acknowledged.add(alertId);
      } else {
        LOG.warnf("PagerDuty ack of alert %s not forwarded: %s", alertId, result.error());
      }
    }
    return acknowledged;
  }

  private boolean signed(String body, String header) {
    if (header == null) {
      return false;
    }
    String expected = "v1=" + HexFormat.of().formatHex(mac(body));
    for (String candidate : header.split(",")) {
      if (MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII),
          candidate.strip().getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }

  private byte[] mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
