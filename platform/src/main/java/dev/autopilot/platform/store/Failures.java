package dev.autopilot.platform.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Classifies failures: an unreachable database is the service's trouble, never the input's. A
 * consumer waits it out instead of dead-lettering the record; an HTTP request gets 503 with
 * Retry-After instead of 500.
 */
public final class Failures {
  private Failures() {}

  /** True when the failure (or one of its causes) means Postgres is unreachable or refusing. */
  public static boolean isInfrastructure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        // 08: connection exception; 53: insufficient resources; 57P: operator intervention
        // (admin shutdown, crash shutdown, cannot connect now). No state: the pool gave up.
        if (state == null
            || state.startsWith("08")
            || state.startsWith("53")
            || state.startsWith("57P")) {
          return true;
        }
      }
    }
    return false;
  }
}
