package dev.autopilot.deploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactorTest {
  static Stream<Arguments> secrets() {
    return Stream.of(
        Arguments.of("password=hunter2", "password=***"),
        Arguments.of("export DB_PASSWORD='p@ss word'", "export DB_PASSWORD=***"),
        Arguments.of("PGPASSWORD=abc123 psql", "PGPASSWORD=*** psql"),
        Arguments.of("{\"client_secret\": \"xyz\"}", "{\"client_secret\": ***}"),
        Arguments.of("api-key: 0123456789", "api-key: ***"),
        Arguments.of("AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP", "AWS_ACCESS_KEY_ID=***"),
        Arguments.of("key AKIAABCDEFGHIJKLMNOP used", "key *** used"),
        Arguments.of("Authorization: Bearer abcdefghijklmnop.qrstu", "Authorization: *** ***"),
        Arguments.of("curl -H 'bearer abcdefgh12345678'", "curl -H 'bearer ***'"),
        Arguments.of(
            "postgres://app:s3cret@db:5432/shop is up", "postgres://app:***@db:5432/shop is up"),
        Arguments.of("jwt eyJhbGciOi.eyJzdWIiOiJ4In0.c2lnbmF0dXJl ok", "jwt *** ok"),
        Arguments.of("using ap_test_operator_8b1d6f3a9c2e", "using ap_***"),
        Arguments.of("gh token ghp_abcdefghijklmnopqrstuvwxyz", "gh token ***"),
        Arguments.of("pushing as ghp_abcdefghijklmnopqrstuvwxyz", "pushing as ghp_***"),
        Arguments.of("slack xoxb-1234567890-abcdef", "slack ***"),
        Arguments.of(
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----\nnext",
            "[private key ***]\nnext"));
  }

  @ParameterizedTest
  @MethodSource("secrets")
  void masksSecrets(String text, String redacted) {
    assertThat(SecretRedactor.redact(text)).isEqualTo(redacted);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rolled out shop 2.3.1 to staging",
        "exit code 0 after 12 ms",
        "deployment 5c1e0e3a-9a3f-4a35-8f0b-0d9a4f3d2b11 done",
        "GET http://127.0.0.1:18080/ready -> 200",
        ""
      })
  void leavesOrdinaryOutputAlone(String text) {
    assertThat(SecretRedactor.redact(text)).isEqualTo(text);
  }

  @org.junit.jupiter.api.Test
  void longTokensAreRedactedInLinearTime() {
    String blob = "QUJD".repeat(8 * 1024) + " password=hunter2 " + "x".repeat(32 * 1024);
    String redacted =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(10), () -> SecretRedactor.redact(blob));
    org.assertj.core.api.Assertions.assertThat(redacted)
        .contains("password=***")
        .doesNotContain("hunter2");
  }
}
