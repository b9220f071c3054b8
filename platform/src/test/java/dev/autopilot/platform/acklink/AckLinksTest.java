package dev.autopilot.platform.acklink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AckLinksTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final AckLinks links =
      new AckLinks(Optional.of("k3y"), Duration.ofHours(1), Optional.of("http://alerts:8082/"));

  @Test
  void aSignedTokenVerifiesToItsAlertUntilItExpires() {
    UUID alert = UUID.randomUUID();
    String token = links.sign(alert, NOW);

    Optional<AckLinks.Claims> claims = links.verify(token, NOW.plusSeconds(3599));
    assertThat(claims).map(AckLinks.Claims::alertId).contains(alert);
    assertThat(claims.get().expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(links.verify(token, NOW.plusSeconds(3600))).isEmpty();
  }

  @Test
  void everyTokenHasItsOwnNonce() {
    UUID alert = UUID.randomUUID();
    String a = links.sign(alert, NOW);
    String b = links.sign(alert, NOW);
    assertThat(a).isNotEqualTo(b);
    assertThat(links.verify(a, NOW).get().nonce()).isNotEqualTo(links.verify(b, NOW).get().nonce());
  }

  @Test
  void tamperedForeignOrMalformedTokensAreRefused() {
    String token = links.sign(UUID.randomUUID(), NOW);
    String otherAlert = links.sign(UUID.randomUUID(), NOW);
    String swapped =
        otherAlert.substring(0, otherAlert.indexOf('.')) + token.substring(token.indexOf('.'));
    AckLinks foreign = new AckLinks(Optional.of("other"), Duration.ofHours(1), Optional.empty());

    assertThat(links.verify(swapped, NOW)).isEmpty();
    assertThat(links.verify(foreign.sign(UUID.randomUUID(), NOW), NOW)).isEmpty();
    assertThat(links.verify("garbage", NOW)).isEmpty();
    assertThat(links.verify("a.b", NOW)).isEmpty();
    assertThat(links.verify("%%%.###", NOW)).isEmpty();
    assertThat(links.verify(null, NOW)).isEmpty();
  }

  @Test
  void linksPointAtTheConfiguredBaseUrlAndAreOffWithoutAKey() {
    UUID alert = UUID.randomUUID();
    assertThat(links.link(alert, NOW))
        .hasValueSatisfying(l -> assertThat(l).startsWith("http://alerts:8082/ack/"));
    AckLinks off = new AckLinks(Optional.empty(), Duration.ofHours(1), Optional.of("http://x"));
    assertThat(off.enabled()).isFalse();
    assertThat(off.link(alert, NOW)).isEmpty();
    assertThat(off.verify(links.sign(alert, NOW), NOW)).isEmpty();
  }
}
