package dev.autopilot.notification.route;

import dev.autopilot.notification.receiver.Integration;
import dev.autopilot.notification.receiver.Receiver;
import dev.autopilot.notification.route.RoutingDocument.EmailSpec;
import dev.autopilot.notification.route.RoutingDocument.PagerDutySpec;
import dev.autopilot.notification.route.RoutingDocument.ReceiverSpec;
import dev.autopilot.notification.route.RoutingDocument.SlackSpec;
import dev.autopilot.notification.route.RoutingDocument.SmsSpec;
import dev.autopilot.notification.route.RoutingDocument.WebhookSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Validates and compiles the receivers of a routing document and their integrations (email, Slack,
 * webhook, SMS, PagerDuty); errors name path and field, e.g. {@code
 * receivers[2].sms_configs[0].to[0]}. Secrets are only ever environment-variable names here.
 */
final class ReceiverCompiler {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
  private static final Pattern ENV = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.]*$");

  private final BiConsumer<String, String> error;

  private ReceiverCompiler(BiConsumer<String, String> error) {
    this.error = error;
  }

  /** The receivers by name; each error goes to {@code error} (path, message). */
  static Map<String, Receiver> receivers(
      List<ReceiverSpec> specs, BiConsumer<String, String> error) {
    return new ReceiverCompiler(error).receivers(specs);
  }

  private Map<String, Receiver> receivers(List<ReceiverSpec> specs) {
    Map<String, Receiver> byName = new LinkedHashMap<>();
    if (specs == null || specs.isEmpty()) {
      error.accept("receivers", "must name at least one receiver");
      return byName;
    }
    for (int i = 0; i < specs.size(); i++) {
      String path = "receivers[" + i + "]";
      ReceiverSpec spec = specs.get(i);
      if (spec == null || blank(spec.name())) {
        error.accept(path + ".name", "is required");
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
        error.accept(path + ".name", "'" + name + "' is used by another receiver");
      }
    }
    for (int i = 0; i < specs.size(); i++) {
      ReceiverSpec spec = specs.get(i);
      if (spec != null && !blank(spec.fallback())) {
        String fallback = spec.fallback().strip();
        if (!byName.containsKey(fallback)) {
          error.accept("receivers[" + i + "].fallback", "names no receiver: '" + fallback + "'");
        } else if (fallback.equals(spec.name() == null ? null : spec.name().strip())) {
          error.accept("receivers[" + i + "].fallback", "must name another receiver");
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
        error.accept(p, "must not be empty");
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
      error.accept(path + ".to", "must list at least one address");
      return List.of();
    }
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < spec.to().size(); i++) {
      String a = spec.to().get(i);
      if (a == null || !EMAIL.matcher(a.strip()).matches()) {
        error.accept(path + ".to[" + i + "]", "is not an email address");
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
          error.accept(path + ".account_sid", "is required for twilio");
        }
        env(path + ".auth_token_env", spec.authTokenEnv(), true);
        if (blank(spec.from())) {
          error.accept(path + ".from", "is required for twilio");
        }
      }
      case "messagemedia" -> {
        env(path + ".api_key_env", spec.apiKeyEnv(), true);
        env(path + ".api_secret_env", spec.apiSecretEnv(), true);
      }
      default -> error.accept(path + ".provider", "must be twilio or messagemedia");
    }
    if (spec.url() != null) {
      url(path + ".url", spec.url());
    }
    if (spec.to() == null || spec.to().isEmpty()) {
      error.accept(path + ".to", "must list at least one phone number");
      return List.of();
    }
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < spec.to().size(); i++) {
      String n = spec.to().get(i);
      if (n == null || !PHONE.matcher(n.strip()).matches()) {
        error.accept(path + ".to[" + i + "]", "is not an E.164 phone number like +61491570156");
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

  private void env(String path, String name, boolean required) {
    if (blank(name)) {
      if (required) {
        error.accept(path, "is required: the name of the environment variable holding the secret");
      }
    } else if (!ENV.matcher(name.strip()).matches()) {
      error.accept(path, "must be an environment variable name, not the secret itself");
    }
  }

  private void url(String path, String url) {
    try {
      URI uri = URI.create(url == null ? "" : url.strip());
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        error.accept(path, "must be an http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      error.accept(path, "must be an http(s) URL");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return blank(s) ? null : s.strip();
  }
}
