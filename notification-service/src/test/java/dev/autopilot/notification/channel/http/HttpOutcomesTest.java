package dev.autopilot.notification.channel.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.autopilot.notification.channel.SendResult;
import io.smallrye.mutiny.TimeoutException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpOutcomesTest {
  @ParameterizedTest(name = "HTTP {0} Retry-After {1} → delivered {2}, retriable {3}, wait {4}")
  @CsvSource({
    "200, ,    true,  false, ",
    "202, ,    true,  false, ",
    "204, ,    true,  false, ",
    "400, ,    false, false, ",
    "401, ,    false, false, ",
    "404, ,    false, false, ",
    "408, ,    false, true,  ",
    "429, 7,   false, true,  PT7S",
    "429, ,    false, true,  ",
    "429, soon, false, true, ",
    "500, ,    false, true,  ",
    "503, 120, false, true,  PT2M",
  })
  void classifiesAnswers(
      int status, String retryAfter, boolean delivered, boolean retriable, Duration wait) {
    SendResult result = HttpOutcomes.classify("peer", status, retryAfter, "nope");
    assertThat(result.delivered()).isEqualTo(delivered);
    assertThat(result.retriable()).isEqualTo(retriable);
    assertThat(result.retryAfter()).isEqualTo(wait);
    if (!delivered) {
      assertThat(result.error()).contains("HTTP " + status);
    }
  }

  @ParameterizedTest
  @CsvSource({"Wed, 21 Oct 2015 07:28:30 GMT, PT30S", "Wed, 21 Oct 2015 07:27:00 GMT, PT0S"})
  void retryAfterMayBeAnHttpDate(String day, String date, Duration expected) {
    Instant now = Instant.parse("2015-10-21T07:28:00Z");
    assertThat(HttpOutcomes.retryAfter(day + ", " + date, now)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void failuresWithoutAnswer() {
    assertThat(HttpOutcomes.classify("peer", new TimeoutException()).retriable()).isTrue();
    assertThat(
            HttpOutcomes.classify("peer", new RuntimeException(new ConnectException("refused")))
                .retriable())
        .isTrue();
    assertThat(HttpOutcomes.classify("peer", new IllegalArgumentException("bad url")).retriable())
        .isFalse();
  }
}
