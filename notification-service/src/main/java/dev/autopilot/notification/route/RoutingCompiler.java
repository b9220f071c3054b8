package dev.autopilot.notification.route;

import dev.autopilot.notification.escalation.EscalationPolicy;
import dev.autopilot.notification.escalation.OnCallSchedule;
import dev.autopilot.notification.mute.TimeInterval;
import dev.autopilot.notification.receiver.Receiver;
import dev.autopilot.notification.route.RoutingDocument.RouteSpec;
import dev.autopilot.platform.problem.Problem.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a routing document and compiles it, collecting every error with its path (e.g. {@code
 * route.routes[1].matchers[0]}) so one 400 tells the author all that is wrong. This class owns the
 * document's order and the route tree (matchers, inheritance, references to receivers, intervals
 * and policies); the parts are compiled by {@link TimeIntervalCompiler}, {@link ReceiverCompiler}
 * and {@link EscalationCompiler}, each reporting to the same error list.
 */
public final class RoutingCompiler {
  /** Alertmanager's defaults for the root route. */
  static final Duration GROUP_WAIT = Duration.ofSeconds(30);

  static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);
  static final Duration REPEAT_INTERVAL = Duration.ofHours(4);

  private final List<FieldError> errors = new ArrayList<>();
  private Set<String> policyNames = Set.of();

  private RoutingCompiler() {}

  /**
   * Compiles a document.
   *
   * @throws InvalidRoutingException listing every error
   */
  public static CompiledRouting compile(RoutingDocument doc) {
    return new RoutingCompiler().run(doc);
  }

  private CompiledRouting run(RoutingDocument doc) {
    if (doc == null) {
      throw new InvalidRoutingException(List.of(new FieldError("$", "document is empty")));
    }
    Map<String, TimeInterval> intervals =
        TimeIntervalCompiler.intervals(doc.timeIntervals(), this::error);
    Map<String, Receiver> receivers = ReceiverCompiler.receivers(doc.receivers(), this::error);
    Map<String, OnCallSchedule> schedules =
        EscalationCompiler.schedules(doc.schedules(), receivers, this::error);
    Map<String, EscalationPolicy> policies =
        EscalationCompiler.policies(doc.escalationPolicies(), receivers, schedules, this::error);
    Map<String, Duration> ackDeadlines =
        EscalationCompiler.ackDeadlines(doc.ackDeadlines(), this::error);
    this.policyNames = policies.keySet();
    Route root = null;
    if (doc.route() == null) {
      error("route", "is required");
    } else {
      if (blank(doc.route().receiver())) {
        error("route.receiver", "is required on the root route");
      }
      if (doc.route().matchers() != null && !doc.route().matchers().isEmpty()) {
        error("route.matchers", "must be empty on the root route (it matches everything)");
      }
      root =
          route(
              "route",
              doc.route(),
              new Route(
                  "route",
                  null,
                  List.of(),
                  false,
                  List.of(),
                  GROUP_WAIT,
                  GROUP_INTERVAL,
                  REPEAT_INTERVAL,
                  List.of(),
                  List.of(),
                  null,
                  List.of()),
              receivers,
              intervals);
    }
    if (!errors.isEmpty()) {
      throw new InvalidRoutingException(List.copyOf(errors));
    }
    return new CompiledRouting(doc, root, receivers, intervals, schedules, policies, ackDeadlines);
  }

  private Route route(
      String path,
      RouteSpec spec,
      Route parent,
      Map<String, Receiver> receivers,
      Map<String, TimeInterval> intervals) {
    String receiver = blank(spec.receiver()) ? parent.receiver() : spec.receiver().strip();
    if (!blank(spec.receiver()) && !receivers.containsKey(receiver)) {
      error(path + ".receiver", "names no receiver: '" + receiver + "'");
    }
    List<Matcher> matchers = new ArrayList<>();
    List<String> rawMatchers = spec.matchers() == null ? List.of() : spec.matchers();
    for (int i = 0; i < rawMatchers.size(); i++) {
      try {
        matchers.add(Matcher.parse(rawMatchers.get(i)));
      } catch (IllegalArgumentException e) {
        error(path + ".matchers[" + i + "]", e.getMessage());
      }
    }
    List<String> mute = names(path + ".mute_time_intervals", spec.muteTimeIntervals(), intervals);
    List<String> active =
        names(path + ".active_time_intervals", spec.activeTimeIntervals(), intervals);
    Route partial =
        new Route(
            path,
            receiver,
            List.copyOf(matchers),
            Boolean.TRUE.equals(spec.continueMatching()),
            spec.groupBy() == null ? parent.groupBy() : List.copyOf(spec.groupBy()),
            duration(path + ".group_wait", spec.groupWait(), parent.groupWait()),
            duration(path + ".group_interval", spec.groupInterval(), parent.groupInterval()),
            duration(path + ".repeat_interval", spec.repeatInterval(), parent.repeatInterval()),
            spec.muteTimeIntervals() == null ? parent.muteTimeIntervals() : mute,
            spec.activeTimeIntervals() == null ? parent.activeTimeIntervals() : active,
            spec.escalationPolicy() == null
                ? parent.escalationPolicy()
                : spec.escalationPolicy().strip(),
            List.of());
    if (spec.escalationPolicy() != null && !policyNames.contains(spec.escalationPolicy().strip())) {
      error(
          path + ".escalation_policy",
          "names no escalation policy: '" + spec.escalationPolicy() + "'");
    }
    List<Route> children = new ArrayList<>();
    List<RouteSpec> childSpecs = spec.routes() == null ? List.of() : spec.routes();
    for (int i = 0; i < childSpecs.size(); i++) {
      if (childSpecs.get(i) == null) {
        error(path + ".routes[" + i + "]", "must not be empty");
        continue;
      }
      children.add(
          route(path + ".routes[" + i + "]", childSpecs.get(i), partial, receivers, intervals));
    }
    return new Route(
        partial.path(),
        partial.receiver(),
        partial.matchers(),
        partial.continueMatching(),
        partial.groupBy(),
        partial.groupWait(),
        partial.groupInterval(),
        partial.repeatInterval(),
        partial.muteTimeIntervals(),
        partial.activeTimeIntervals(),
        partial.escalationPolicy(),
        List.copyOf(children));
  }

  private List<String> names(String path, List<String> names, Map<String, TimeInterval> intervals) {
    if (names == null) {
      return List.of();
    }
    for (int i = 0; i < names.size(); i++) {
      if (!intervals.containsKey(names.get(i))) {
        error(path + "[" + i + "]", "names no time interval: '" + names.get(i) + "'");
      }
    }
    return List.copyOf(names);
  }

  private Duration duration(String path, String text, Duration inherited) {
    if (text == null) {
      return inherited;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      error(path, e.getMessage());
      return inherited;
    }
  }

  void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
