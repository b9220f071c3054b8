package dev.autopilot.notification.route;

import dev.autopilot.notification.escalation.EscalationPolicy;
import dev.autopilot.notification.escalation.OnCallSchedule;
import dev.autopilot.notification.mute.TimeInterval;
import dev.autopilot.notification.receiver.Integration;
import dev.autopilot.notification.receiver.Receiver;
import dev.autopilot.notification.route.RoutingDocument.EmailSpec;
import dev.autopilot.notification.route.RoutingDocument.PagerDutySpec;
import dev.autopilot.notification.route.RoutingDocument.ReceiverSpec;
import dev.autopilot.notification.route.RoutingDocument.RouteSpec;
import dev.autopilot.notification.route.RoutingDocument.SlackSpec;
import dev.autopilot.notification.route.RoutingDocument.SmsSpec;
import dev.autopilot.notification.route.RoutingDocument.TimeIntervalSpec;
import dev.autopilot.notification.route.RoutingDocument.TimeRangeSpec;
import dev.autopilot.notification.route.RoutingDocument.WebhookSpec;
import dev.autopilot.platform.problem.Problem.FieldError;
import java.net.URI;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates a routing document and compiles it, collecting every error with its path (e.g. {@code
 * route.routes[1].matchers[0]}) so one 400 tells the author all that is wrong.
 */
public final class RoutingCompiler {
  /** Alertmanager's defaults for the root route. */
  static final Duration GROUP_WAIT = Duration.ofSeconds(30);

  static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);
  static final Duration REPEAT_INTERVAL = Duration.ofHours(4);

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
  private static final Pattern ENV = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.]*$");

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
    Map<String, TimeInterval> intervals = intervals(doc.timeIntervals());
    Map<String, Receiver> receivers = receivers(doc.receivers());
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

  private Map<String, Receiver> receivers(List<ReceiverSpec> specs) {
    Map<String, Receiver> byName = new LinkedHashMap<>();
    if (specs == null || specs.isEmpty()) {
      error("receivers", "must name at least one receiver");
      return byName;
    }
    for (int i = 0; i < specs.size(); i++) {
      String path = "receivers[" + i + "]";
      ReceiverSpec spec = specs.get(i);
      if (spec == null || blank(spec.name())) {
        error(path + ".name", "is required");
        continue;
      }
      String name = spec.name().strip();
      List<Integration> integrations = new ArrayList<>();
      each(
          path + ".email_configs",
          spec.emailConfigs(),
          (p, s) -> email(p, s),
          integrations,
          name,
          "email");
      each(path + ".slack_configs", spec.slackConfigs(), this::slack, integrations, name, "slack");
      each(
          path + ".webhook_configs",
          spec.webhookConfigs(),
          this::webhook,
          integrations,
          name,
          "webhook");
      each(path + ".sms_configs", spec.smsConfigs(), this::sms, integrations, name, "sms");
      each(
          path + ".pagerduty_configs",
          spec.pagerdutyConfigs(),
          this::pagerDuty,
          integrations,
          name,
          "pagerduty");
      if (byName.put(
              name, new Receiver(name, List.copyOf(integrations), blankToNull(spec.fallback())))
          != null) {
        error(path + ".name", "'" + name + "' is used by another receiver");
      }
    }
    for (int i = 0; i < specs.size(); i++) {
      ReceiverSpec spec = specs.get(i);
      if (spec != null && !blank(spec.fallback())) {
        String fallback = spec.fallback().strip();
        if (!byName.containsKey(fallback)) {
          error("receivers[" + i + "].fallback", "names no receiver: '" + fallback + "'");
        } else if (fallback.equals(spec.name() == null ? null : spec.name().strip())) {
          error("receivers[" + i + "].fallback", "must name another receiver");
        }
      }
    }
    return byName;
  }

  private interface SpecCheck<T> {
    List<String> addresses(String path, T spec);
  }

  private <T> void each(
      String path,
      List<T> specs,
      SpecCheck<T> check,
      List<Integration> into,
      String receiver,
      String channel) {
    if (specs == null) {
      return;
    }
    for (int i = 0; i < specs.size(); i++) {
      T spec = specs.get(i);
      String p = path + "[" + i + "]";
      if (spec == null) {
        error(p, "must not be empty");
        continue;
      }
      // Integrations without addresses of their own (webhooks, PagerDuty) are addressed by name.
      List<String> addresses = check.addresses(p, spec);
      String target = receiver + "/" + channel + "/" + i;
      into.add(
          new Integration(
              receiver, channel, i, spec, addresses == null ? List.of(target) : addresses));
    }
  }

  private List<String> email(String path, EmailSpec spec) {
    if (spec.to() == null || spec.to().isEmpty()) {
      error(path + ".to", "must list at least one address");
      return List.of();
    }
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < spec.to().size(); i++) {
      String a = spec.to().get(i);
      if (a == null || !EMAIL.matcher(a.strip()).matches()) {
        error(path + ".to[" + i + "]", "is not an email address");
      } else if (!addresses.contains(a.strip())) {
        addresses.add(a.strip());
      }
    }
    return addresses;
  }

  private List<String> slack(String path, SlackSpec spec) {
    env(path + ".url_env", spec.urlEnv(), true);
    return null;
  }

  private List<String> webhook(String path, WebhookSpec spec) {
    url(path + ".url", spec.url());
    env(path + ".secret_env", spec.secretEnv(), true);
    return null;
  }

  private List<String> sms(String path, SmsSpec spec) {
    String provider =
        spec.provider() == null ? "" : spec.provider().strip().toLowerCase(Locale.ROOT);
    switch (provider) {
      case "twilio" -> {
        if (blank(spec.accountSid())) {
          error(path + ".account_sid", "is required for twilio");
        }
        env(path + ".auth_token_env", spec.authTokenEnv(), true);
        if (blank(spec.from())) {
          error(path + ".from", "is required for twilio");
        }
      }
      case "messagemedia" -> {
        env(path + ".api_key_env", spec.apiKeyEnv(), true);
        env(path + ".api_secret_env", spec.apiSecretEnv(), true);
      }
      default -> error(path + ".provider", "must be twilio or messagemedia");
    }
    if (spec.url() != null) {
      url(path + ".url", spec.url());
    }
    if (spec.to() == null || spec.to().isEmpty()) {
      error(path + ".to", "must list at least one phone number");
      return List.of();
    }
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < spec.to().size(); i++) {
      String n = spec.to().get(i);
      if (n == null || !PHONE.matcher(n.strip()).matches()) {
        error(path + ".to[" + i + "]", "is not an E.164 phone number like +61491570156");
      } else if (!numbers.contains(n.strip())) {
        numbers.add(n.strip());
      }
    }
    return numbers;
  }

  private List<String> pagerDuty(String path, PagerDutySpec spec) {
    env(path + ".routing_key_env", spec.routingKeyEnv(), true);
    if (spec.url() != null) {
      url(path + ".url", spec.url());
    }
    return null;
  }

  private Map<String, TimeInterval> intervals(List<TimeIntervalSpec> specs) {
    Map<String, TimeInterval> byName = new LinkedHashMap<>();
    if (specs == null) {
      return byName;
    }
    for (int i = 0; i < specs.size(); i++) {
      String path = "time_intervals[" + i + "]";
      TimeIntervalSpec spec = specs.get(i);
      if (spec == null || blank(spec.name())) {
        error(path + ".name", "is required");
        continue;
      }
      ZoneId zone = ZoneId.of("UTC");
      if (spec.location() != null) {
        try {
          zone = ZoneId.of(spec.location().strip());
        } catch (DateTimeException e) {
          error(path + ".location", "is not a time zone like Europe/Berlin");
        }
      }
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      List<String> weekdays = spec.weekdays() == null ? List.of() : spec.weekdays();
      for (int d = 0; d < weekdays.size(); d++) {
        weekdays(path + ".weekdays[" + d + "]", weekdays.get(d), days);
      }
      List<TimeInterval.Range> ranges = new ArrayList<>();
      List<TimeRangeSpec> times = spec.times() == null ? List.of() : spec.times();
      for (int t = 0; t < times.size(); t++) {
        String p = path + ".times[" + t + "]";
        TimeRangeSpec range = times.get(t);
        LocalTime start = time(p + ".start_time", range == null ? null : range.startTime());
        boolean midnight = range != null && "24:00".equals(range.endTime());
        LocalTime end =
            midnight
                ? LocalTime.MAX
                : time(p + ".end_time", range == null ? null : range.endTime());
        if (start != null && end != null && !start.isBefore(end)) {
          error(p + ".end_time", "must be after start_time");
        } else if (start != null && end != null) {
          ranges.add(new TimeInterval.Range(start, end, midnight));
        }
      }
      if (byName.put(spec.name().strip(), new TimeInterval(spec.name().strip(), days, ranges, zone))
          != null) {
        error(path + ".name", "'" + spec.name() + "' is used by another time interval");
      }
    }
    return byName;
  }

  private void weekdays(String path, String text, Set<DayOfWeek> into) {
    Function<String, DayOfWeek> day =
        s -> {
          try {
            return DayOfWeek.valueOf(s.strip().toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException | NullPointerException e) {
            return null;
          }
        };
    if (text == null) {
      error(path, "is not a weekday or range like monday:friday");
      return;
    }
    String[] parts = text.split(":", 2);
    DayOfWeek from = day.apply(parts[0]);
    DayOfWeek to = parts.length == 2 ? day.apply(parts[1]) : from;
    if (from == null || to == null || to.compareTo(from) < 0) {
      error(path, "is not a weekday or range like monday:friday");
      return;
    }
    for (DayOfWeek d = from; ; d = d.plus(1)) {
      into.add(d);
      if (d == to) {
        break;
      }
    }
  }

  private LocalTime time(String path, String text) {
    try {
      return LocalTime.parse(text);
    } catch (RuntimeException e) {
      error(path, "is not a time like 09:00");
      return null;
    }
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

  private void env(String path, String name, boolean required) {
    if (blank(name)) {
      if (required) {
        error(path, "is required: the name of the environment variable holding the secret");
      }
    } else if (!ENV.matcher(name.strip()).matches()) {
      error(path, "must be an environment variable name, not the secret itself");
    }
  }

  private void url(String path, String url) {
    try {
      URI uri = URI.create(url == null ? "" : url.strip());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        error(path, "must be an http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      error(path, "must be an http(s) URL");
    }
  }

  void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return blank(s) ? null : s.strip();
  }
}
