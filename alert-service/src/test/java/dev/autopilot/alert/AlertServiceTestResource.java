package dev.autopilot.alert;

import dev.autopilot.testing.AutopilotStackResource;
import java.util.HashMap;
import java.util.Map;

/** The shared real stack with alert-service's own database, and a local Prometheus API fake. */
public class AlertServiceTestResource extends AutopilotStackResource {
  @Override
  public void init(Map<String, String> initArgs) {
    super.init(Map.of("database", "alert"));
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>(super.start());
    config.put("alert.rules.prometheus-url", FakePrometheus.start());
    return config;
  }
}
