package dev.autopilot.alert;

import dev.autopilot.testing.AutopilotStackResource;
import java.util.Map;

/** The shared real stack with alert-service's own database. */
public class AlertServiceTestResource extends AutopilotStackResource {
  @Override
  public void init(Map<String, String> initArgs) {
    super.init(Map.of("database", "alert"));
  }
}
