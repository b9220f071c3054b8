package dev.autopilot.notification;

import dev.autopilot.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  @Test
  void layeringAndServiceBoundariesHold() {
    ArchitectureRules.check("notification");
  }
}
