package dev.autopilot.health.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Query values never leave through the API, whatever was put in a target's URL. */
class TargetViewTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://a/ready | http://a/ready",
        "http://a/ready?token=abc | http://a/ready?token=***",
        "http://a/r?token=abc&v=1#top | http://a/r?token=***&v=***",
        "http://a/r?flag | http://a/r?flag",
      })
  void maskQueryValues(String url, String shown) {
    assertThat(TargetView.maskQueryValues(url)).isEqualTo(shown);
  }
}
