package dev.autopilot.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared stack plus the local HTTP peer ({@link HttpReceiver}) and a routing file that sends
 * each test case (label {@code case}) to one receiver. Secrets are given under the names the
 * routing file references, as the environment would give them.
 */
public class ChannelsTestResource extends NotificationServiceTestResource {
  /** The Slack webhook path; its last segment plays the secret token. */
  public static final String SLACK_PATH = "/services/T000/B000/slack-secret-token";

  public static final String WEBHOOK_SECRET = "whsec-test-7f3a9c";
  public static final String TWILIO_TOKEN = "twilio-token-5b2e";
  public static final String MM_KEY = "mm-key-41ab";
  public static final String MM_SECRET = "mm-secret-9d0c";
  public static final String PD_KEY = "pd-routing-key-0123456789abcdef";
  public static final String ACK_KEY = "ack-links-test-key";
  public static final String PD_WEBHOOK_SECRET = "pd-webhook-secret-77";
  public static final String CLIENT_TOKEN = "suite-client-token-1234";
  public static final String FALLBACK = "fallback@notification.test";
  public static final String DIGEST = "digest@notification.test";
  public static final String PAGED = "paged@notification.test";

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new LinkedHashMap<>(super.start());
    String base = HttpReceiver.shared().url();
    String yaml =
        """
        receivers:
          - name: default
            email_configs: [{to: [%1$s]}]
          - name: chat
            slack_configs: [{url_env: SLACK_TEST_URL, channel: "#ops", username: autopilot}]
          - name: hook
            webhook_configs: [{url: "%2$s/hook", secret_env: WEBHOOK_TEST_SECRET}]
          - name: texts
            sms_configs:
              - {provider: twilio, url: "%2$s", account_sid: AC0123, auth_token_env: TWILIO_TEST_TOKEN, from: "+15005550006", to: ["+61491570156"]}
              - {provider: messagemedia, url: "%2$s", api_key_env: MM_TEST_KEY, api_secret_env: MM_TEST_SECRET, to: ["+61491570157"]}
          - name: pager
            pagerduty_configs: [{url: "%2$s", routing_key_env: PD_TEST_KEY}]
          - name: flaky
            webhook_configs: [{url: "%2$s/flaky", secret_env: WEBHOOK_TEST_SECRET}]
          - name: broken
            webhook_configs: [{url: "%2$s/broken", secret_env: WEBHOOK_TEST_SECRET}]
            fallback: rescue
          - name: rescue
            email_configs: [{to: [%3$s]}]
          - name: busy
            webhook_configs: [{url: "%2$s/busy", secret_env: WEBHOOK_TEST_SECRET}]
          - name: chatty
            slack_configs: [{url_env: SLACK_TEST_URL}]
          - name: grouped
            webhook_configs: [{url: "%2$s/grouped", secret_env: WEBHOOK_TEST_SECRET}]
          - name: allchannels
            slack_configs: [{url_env: SLACK_TEST_URL, channel: "#deploys"}]
            webhook_configs: [{url: "%2$s/templated", secret_env: WEBHOOK_TEST_SECRET}]
            sms_configs:
              - {provider: twilio, url: "%2$s", account_sid: AC0123, auth_token_env: TWILIO_TEST_TOKEN, from: "+15005550006", to: ["+61491570158"]}
            pagerduty_configs: [{url: "%2$s", routing_key_env: PD_TEST_KEY}]
          - name: alice
            webhook_configs: [{url: "%2$s/page/alice", secret_env: WEBHOOK_TEST_SECRET}]
          - name: bob
            webhook_configs: [{url: "%2$s/page/bob", secret_env: WEBHOOK_TEST_SECRET}]
          - name: lead
            webhook_configs: [{url: "%2$s/page/lead", secret_env: WEBHOOK_TEST_SECRET}]
          - name: digest
            email_configs: [{to: [%6$s]}]
          - name: mailpage
            email_configs: [{to: [%7$s]}]
        schedules:
          - name: primary
            time_zone: Australia/Sydney
            handoff_day: monday
            handoff_time: "09:00"
            start: "2026-01-05"
            members: [alice, bob]
            overrides: [{start: "%4$s", end: "%5$s", member: bob}]
        escalation_policies:
          - name: standard
            repeat: 0
            levels:
              - {targets: [primary], timeout: 2s}
              - {targets: [lead], timeout: 2s}
          - name: mailed
            repeat: 0
            levels:
              - {targets: [mailpage], timeout: 1s}
              - {targets: [mailpage], timeout: 1s}
        ack_deadlines: {P0: 15m, P1: 2s, P3: 6s}
        route:
          receiver: default
          routes:
            - {matchers: ['case="slack"'], receiver: chat}
            - {matchers: ['case="webhook"'], receiver: hook}
            - {matchers: ['case="sms"'], receiver: texts}
            - {matchers: ['case="pagerduty"'], receiver: pager}
            - {matchers: ['case="flaky"'], receiver: flaky}
            - {matchers: ['case="broken"'], receiver: broken}
            - {matchers: ['case="busy"'], receiver: busy}
            - {matchers: ['case="escalate"'], escalation_policy: standard}
            - {matchers: ['case="chatty"'], receiver: chatty}
            - {matchers: ['case="escalate-mail"'], escalation_policy: mailed}
            - matchers: ['case="digest"']
              receiver: digest
              group_by: [service]
              group_wait: 2s
              group_interval: 2s
            - matchers: ['case="grouped"']
              receiver: grouped
              group_by: [service]
              group_wait: 3s
              group_interval: 3s
            - matchers: ['event=~"deploy\\..*|backup\\..*"', 'environment="grouping"']
              receiver: grouped
              group_by: [service, environment]
              group_wait: 3s
              group_interval: 3s
            - {matchers: ['environment="templated"'], receiver: allchannels}
        """
            .formatted(
                ONCALL,
                base,
                FALLBACK,
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)),
                DIGEST,
                PAGED);
    try {
      Path file = Files.createTempFile("notification-routing", ".yaml");
      Files.writeString(file, yaml);
      config.put("notification.routing.file", file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path templates = Files.createTempDirectory("notification-templates");
      Files.createDirectories(templates.resolve("email"));
      Files.writeString(
          templates.resolve("email/backup-failed.txt"),
          """
          {@dev.autopilot.platform.event.v1.BackupFailed data}
          {#capture subject}[BACKUP BROKEN] {data.source}{/capture}
          Overridden template: {data.source} has no new restore point ({data.reason ?: '?'}).
          """);
      for (String channel : List.of("slack", "webhook", "sms", "pagerduty")) {
        Files.createDirectories(templates.resolve(channel));
      }
      Files.writeString(
          templates.resolve("slack/deploy-succeeded.txt"),
          """
          {#capture subject}:rocket: {data.service} {data.version} is live{/capture}
          Slack template: {data.service} {data.version} in {data.environment}, {data.durationMs} ms.
          """);
      Files.writeString(
          templates.resolve("webhook/deploy-succeeded.txt"),
          """
          {#capture subject}deployed {data.service}@{data.version}{/capture}
          Webhook template: {data.service} {data.version} ({email.subject})
          """);
      Files.writeString(
          templates.resolve("sms/deploy-succeeded.txt"),
          "SMS template: {data.service} {data.version} live in {data.environment}. "
              + "{#for i in 20}padding {/for}");
      Files.writeString(
          templates.resolve("pagerduty/deploy-succeeded.txt"),
          """
          {#capture subject}PD: {data.service} {data.version} deployed to {data.environment}{/capture}
          PagerDuty template details for {data.service}.
          """);
      config.put("notification.templates.dir", templates.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config.put("SLACK_TEST_URL", base + SLACK_PATH);
    config.put("WEBHOOK_TEST_SECRET", WEBHOOK_SECRET);
    config.put("TWILIO_TEST_TOKEN", TWILIO_TOKEN);
    config.put("MM_TEST_KEY", MM_KEY);
    config.put("MM_TEST_SECRET", MM_SECRET);
    config.put("PD_TEST_KEY", PD_KEY);
    config.put("notification.pagerduty.webhook-secret", PD_WEBHOOK_SECRET);
    config.put("notification.pagerduty.alert-service-url", base + "/alert-service");
    config.put("autopilot.client.token", CLIENT_TOKEN);
    config.put("autopilot.ack-links.key", ACK_KEY);
    config.put("autopilot.ack-links.base-url", "http://alert.test");
    return config;
  }

  @Override
  protected String database() {
    return "notification_channels";
  }
}
