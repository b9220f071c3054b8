package dev.autopilot.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What operators read for each kind of failure; never an address or a raw message. */
class FailureReasonsTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new TimeoutException("The timeout period of 5000ms"), "timeout after 5s"),
        Arguments.of(new io.smallrye.mutiny.TimeoutException(), "timeout after 5s"),
        Arguments.of(
            new ConnectException("Connection refused: /10.0.0.7:8080"), "connection refused"),
        Arguments.of(
            new RuntimeException(new ConnectException("Connection refused")), "connection refused"),
        Arguments.of(new ConnectException("Network is unreachable"), "connection failed"),
        Arguments.of(new NoRouteToHostException("No route to host"), "no route to host"),
        Arguments.of(new UnknownHostException("db.internal.corp"), "unknown host"),
        Arguments.of(
            new SSLHandshakeException("PKIX path building failed"), "TLS handshake failed"),
        Arguments.of(
            new IllegalStateException("secret=hunter2"), "probe failed (IllegalStateException)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("failures")
  void reasons(Throwable failure, String expected) {
    String reason = FailureReasons.describe(failure, Duration.ofSeconds(5));
    assertThat(reason).isEqualTo(expected).doesNotContain("10.0.0.7").doesNotContain("hunter2");
  }
}
