package dev.autopilot.deploy;

import dev.autopilot.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  @Test
  void layeringAndServiceBoundariesHold() {
    ArchitectureRules.check("deploy");
  }
}
