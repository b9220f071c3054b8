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
 * PagerDuty acknowledgements flowing back: a v3 webhook {@code incident.acknowledged} whose {@code
 * event.data.incident_key} is an alert fingerprint acknowledges that fingerprint's open alerts in
 * alert-service ({@code POST /alerts/{id}/ack} with the suite's client token). PagerDuty signs the
 * raw body: {@code X-PagerDuty-Signature: v1=hex(HMAC-SHA256(secret, body))} (several
 * comma-separated during secret rotation). Field names as in PagerDuty's developer docs
 * (webhooks/01-Overview.md, "incident" data type; webhooks/04-Signatures.md). Answers follow
 * PagerDuty's retry rules (webhooks/02-Behavior.md): 2xx for anything we will never act on (other
 * event types, incidents without an incident_key), 5xx when alert-service could not be told, so
 * PagerDuty redelivers.
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
    // PagerDuty's v3 "incident" data type carries incident_key: the dedup_key of the Events API v2
    // trigger that opened the incident (our alert fingerprint). dedup_key is not in the v3 payload;
    // it is read as a fallback for relays that rename the field.
    String key = data.path("incident_key").asText(data.path("dedup_key").asText(""));
    if (key.isBlank()) {
      // An incident opened elsewhere (by hand, another integration): nothing of ours to ack. A 4xx
      // here would count as a dropped delivery, and three in a row disable the subscription.
      LOG.infof(
          "PagerDuty %s for incident %s has no incident_key; ignored",
          event.path("event_type").asText(), data.path("id").asText("?"));
      return List.of();
    }
    List<UUID> acknowledged = new ArrayList<>();
    List<String> failures = new ArrayList<>();
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
        failures.add(alertId + ": " + result.error());
      }
    }
    if (!failures.isEmpty()) {
      // A 5xx makes PagerDuty redeliver (for up to 48 h); acknowledging twice is harmless (409).
      throw new ProblemException(
          503,
          "Service Unavailable",
          "could not forward the acknowledgement to alert-service: " + String.join("; ", failures));
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
