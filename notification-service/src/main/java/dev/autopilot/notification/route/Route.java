package dev.autopilot.notification.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled node of the routing tree, every inheritable value already resolved from its parent.
 *
 * @param path where it is in the configuration, e.g. {@code route.routes[1]}, for errors and logs
 */
public record Route(
    String path,
    String receiver,
    List<Matcher> matchers,
    boolean continueMatching,
    List<String> groupBy,
    Duration groupWait,
    Duration groupInterval,
    Duration repeatInterval,
    List<String> muteTimeIntervals,
    List<String> activeTimeIntervals,
    String escalationPolicy,
    List<Route> routes) {

  /**
   * Alertmanager's depth-first match: a route that matches descends into its children in order; a
   * matching child stops the search among its siblings unless it has {@code continue}; a matching
   * route none of whose children match is itself a result. Empty when this route does not match.
   */
  public List<Route> match(Map<String, String> labels) {
    for (Matcher matcher : matchers) {
      if (!matcher.matches(labels)) {
        return List.of();
      }
    }
    List<Route> all = new ArrayList<>();
    for (Route child : routes) {
      List<Route> found = child.match(labels);
      all.addAll(found);
      if (!found.isEmpty() && !child.continueMatching()) {
        break;
      }
    }
    if (all.isEmpty()) {
      all.add(this);
    }
    return all;
  }
}
