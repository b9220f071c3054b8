package dev.autopilot.deploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedOutputTest {
  @Test
  void keepsEverythingUnderTheLimit() {
    BoundedOutput output = new BoundedOutput(16);
    write(output, "hello ");
    write(output, "world");
    assertThat(output.text()).isEqualTo("hello world");
    assertThat(output.total()).isEqualTo(11);
  }

  @Test
  void keepsTheTailAndSaysHowMuchWasDropped() {
    BoundedOutput output = new BoundedOutput(8);
    write(output, "0123456789");
    write(output, "abcdef");
    assertThat(output.total()).isEqualTo(16);
    assertThat(output.text()).isEqualTo("[… 8 earlier bytes dropped …]\n89abcdef");
  }

  private static void write(BoundedOutput output, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    output.write(bytes, 0, bytes.length);
  }
}
