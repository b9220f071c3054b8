package dev.autopilot.alert.ack;

import dev.autopilot.alert.lifecycle.AlertLifecycle;
import dev.autopilot.alert.store.AckLinkRepository;
import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.AlertRepository;
import dev.autopilot.platform.acklink.AckLinks;
import dev.autopilot.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Verifies acknowledge links ({@link AckLinks}: HMAC, expiry, nonce) and acknowledges through them.
 * The nonce is claimed in the same transaction as the acknowledgement, so a link works once even
 * when two clicks race; a failed acknowledgement (the alert resolved meanwhile) leaves it unused.
 */
@ApplicationScoped
public class AckLinkService {
  /** Who acknowledged, in history and events, when a link was used. */
  public static final String ACTOR = "ack-link";

  private final AckLinks links;
  private final AckLinkRepository used;
  private final AlertRepository alerts;
  private final AlertLifecycle lifecycle;

  public AckLinkService(
      AckLinks links, AckLinkRepository used, AlertRepository alerts, AlertLifecycle lifecycle) {
    this.links = links;
    this.used = used;
    this.alerts = alerts;
    this.lifecycle = lifecycle;
  }

  /** The alert a genuine, unexpired link points at (read only: GET never mutates). */
  public AlertRecord preview(String token) {
    AckLinks.Claims claims = verify(token);
    return alerts
        .find(claims.alertId())
        .orElseThrow(() -> ProblemException.notFound("the alert of this link does not exist"));
  }

  /** Acknowledges through the link; 403 if forged or expired, 410 if already used. */
  @Transactional
  public AlertRecord acknowledge(String token) {
    AckLinks.Claims claims = verify(token);
    if (!used.claim(claims.nonce(), claims.alertId(), Instant.now())) {
      throw new ProblemException(410, "Gone", "this acknowledge link was already used");
    }
    return lifecycle.acknowledge(claims.alertId(), ACTOR);
  }

  private AckLinks.Claims verify(String token) {
    if (!links.enabled()) {
      throw ProblemException.notFound("acknowledge links are not enabled (no key configured)");
    }
    return links
        .verify(token, Instant.now())
        .orElseThrow(
            () -> new ProblemException(403, "Forbidden", "invalid or expired acknowledge link"));
  }
}
