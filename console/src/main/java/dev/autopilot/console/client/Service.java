package dev.autopilot.console.client;

/** The five services the console calls. */
public enum Service {
  HEALTH("health-service"),
  ALERT("alert-service"),
  NOTIFICATION("notification-service"),
  BACKUP("backup-service"),
  DEPLOY("deploy-service");

  private final String displayName;

  Service(String displayName) {
    this.displayName = displayName;
  }

  /** e.g. {@code alert-service}. */
  public String displayName() {
    return displayName;
  }
}
