package dev.autopilot.notification;

import dev.autopilot.testing.AutopilotStackResource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shared real stack with notification-service's own database, and two email receivers on the
 * stack's SMTP server (GreenMail), so every event is expected as two emails.
 */
public class NotificationServiceTestResource extends AutopilotStackResource {
  /** The first receiver of every notification. */
  public static final String ONCALL = "oncall@notification.test";

  /** The second receiver of every notification. */
  public static final String LEAD = "lead@notification.test";

  /** The sender of every notification. */
  public static final String FROM = "autopilot@notification.test";

  @Override
  public void init(Map<String, String> initArgs) {
    super.init(Map.of(DATABASE_ARG, database()));
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new LinkedHashMap<>(super.start());
    config.put("notification.email.to", ONCALL + "," + LEAD);
    config.put("notification.email.from", FROM);
    return config;
  }

  /** The database this application gets. */
  protected String database() {
    return "notification";
  }
}
