package dev.autopilot.notification.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsTextTest {
  private static final String LINK = "https://alert.example/ack/" + "t".repeat(130);

  @Test
  void aShortMessageIsSentAsIs() {
    assertThat(SmsText.fit("[FIRING P0] Disk full", null)).isEqualTo("[FIRING P0] Disk full");
    assertThat(SmsText.fit("[FIRING P0]\n  Disk full ", "https://a.b/ack/x"))
        .isEqualTo("[FIRING P0] Disk full Ack: https://a.b/ack/x");
  }

  @Test
  void withoutALinkTheTextIsCutToOneSegment() {
    String fitted = SmsText.fit("x".repeat(400), null);
    assertThat(fitted).hasSize(160).endsWith("...");
    assertThat(SmsText.segments(fitted)).isEqualTo(1);
  }

  @Test
  void theLinkIsKeptWholeAndTheMessageFitsTwoSegments() {
    String fitted = SmsText.fit("y".repeat(400), LINK);
    assertThat(fitted).endsWith(" Ack: " + LINK).startsWith("yyyy");
    assertThat(fitted.length()).isLessThanOrEqualTo(2 * 153);
    assertThat(SmsText.segments(fitted)).isEqualTo(2);
  }

  @Test
  void extensionCharactersCountTwiceAndUnicodeNeedsUcs2() {
    assertThat(SmsText.isGsm7("price: 5€ {ok}")).isTrue();
    assertThat(SmsText.length("{}", true)).isEqualTo(4);
    String braces = SmsText.fit("{".repeat(100), null);
    assertThat(SmsText.length(braces, true)).isLessThanOrEqualTo(160);
    assertThat(SmsText.isGsm7("Datenbank „orders“ ✓")).isFalse();
    String unicode = SmsText.fit("✓".repeat(100), null);
    assertThat(unicode).hasSize(70).endsWith("...");
    assertThat(SmsText.segments(unicode)).isEqualTo(1);
  }
}
