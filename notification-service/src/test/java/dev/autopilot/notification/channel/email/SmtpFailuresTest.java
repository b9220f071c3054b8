package dev.autopilot.notification.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.notification.channel.SendResult;
import io.vertx.ext.mail.SMTPException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmtpFailuresTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            smtp(550, "550 5.1.1 <nobody@example.com>: no such user"),
            false,
            "SMTP 550: sending failed: 550 5.1.1 <nobody@example.com>: no such user"),
        Arguments.of(
            new CompletionException(smtp(554, "554 5.7.1 rejected by policy")),
            false,
            "SMTP 554: sending failed: 554 5.7.1 rejected by policy"),
        Arguments.of(
            smtp(421, "421 4.3.2 service shutting down"),
            true,
            "SMTP 421: sending failed: 421 4.3.2 service shutting down"),
        Arguments.of(
            new CompletionException(smtp(451, "451 4.3.0 local error")),
            true,
            "SMTP 451: sending failed: 451 4.3.0 local error"),
        Arguments.of(
            new CompletionException(new ConnectException("Connection refused: /127.0.0.1:1")),
            true,
            "ConnectException: Connection refused: /127.0.0.1:1"),
        Arguments.of(new io.smallrye.mutiny.TimeoutException(), true, "TimeoutException"),
        Arguments.of(
            new IllegalArgumentException("invalid email address [not an address]"),
            false,
            "cannot build the message: IllegalArgumentException: invalid email address [not an"
                + " address]"),
        Arguments.of(
            new IllegalStateException("first line\nsecond line"),
            true,
            "IllegalStateException: first line"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("failures")
  void tellsRetriableFromPermanentFailures(Throwable failure, boolean retriable, String error) {
    SendResult result = SmtpFailures.classify(failure);
    assertThat(result.delivered()).isFalse();
    assertThat(result.retriable()).isEqualTo(retriable);
    assertThat(result.error()).isEqualTo(error);
  }

  @Test
  void eventIdsCannotInjectHeaders() {
    assertThat(EmailNotifier.headerSafe("abc-123")).isEqualTo("abc-123");
    assertThat(EmailNotifier.headerSafe("x\r\nBcc: victim@example.com"))
        .isEqualTo("x__Bcc:_victim@example.com");
    assertThat(EmailNotifier.headerSafe("é".repeat(300))).hasSize(200).matches("_+");
  }

  private static SMTPException smtp(int code, String reply) {
    return new SMTPException("sending failed", code, List.of(reply), false);
  }
}
