package dev.autopilot.notification.route;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * The routing configuration as written in YAML (Alertmanager's shape, snake_case keys): receivers
 * with their channel integrations, the routing tree, and named time intervals for muting. Secrets
 * are never in it: integrations name the environment variables that hold them ({@code *_env}).
 */
@RegisterForReflection
public record RoutingDocument(
    List<ReceiverSpec> receivers,
    RouteSpec route,
    List<TimeIntervalSpec> timeIntervals,
    List<ScheduleSpec> schedules,
    List<EscalationPolicySpec> escalationPolicies,
    Map<String, String> ackDeadlines) {

  /**
   * A weekly on-call rotation: {@code members} (receiver names) take turns, handing off every
   * {@code handoff_day} at {@code handoff_time} in {@code time_zone}; the first member is on call
   * from the first handoff at or after {@code start} (a date). Overrides put another receiver on
   * call for a while.
   */
  @RegisterForReflection
  public record ScheduleSpec(
      String name,
      String timeZone,
      String handoffDay,
      String handoffTime,
      String start,
      List<String> members,
      List<OverrideSpec> overrides) {}

  /** {@code member} is on call from {@code start} (inclusive) to {@code end} (ISO instants). */
  @RegisterForReflection
  public record OverrideSpec(String start, String end, String member) {}

  /**
   * Who is paged, in order, until someone acknowledges: each level's targets (schedule or receiver
   * names) are paged, then the next level after the level's {@code timeout}; after the last level
   * the policy starts over, {@code repeat} more times.
   */
  @RegisterForReflection
  public record EscalationPolicySpec(String name, Integer repeat, List<LevelSpec> levels) {}

  /** One escalation level. */
  @RegisterForReflection
  public record LevelSpec(List<String> targets, String timeout) {}

  /** One receiver: a person or team, reached over one or more channels; optional fallback. */
  @RegisterForReflection
  public record ReceiverSpec(
      String name,
      List<EmailSpec> emailConfigs,
      List<SlackSpec> slackConfigs,
      List<WebhookSpec> webhookConfigs,
      List<SmsSpec> smsConfigs,
      List<PagerDutySpec> pagerdutyConfigs,
      String fallback) {}

  /** Email to these addresses. */
  @RegisterForReflection
  public record EmailSpec(List<String> to) {}

  /** A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat). */
  @RegisterForReflection
  public record SlackSpec(String urlEnv, String channel, String username) {}

  /** A generic JSON webhook, HMAC-SHA256 signed with the secret in {@code secret_env}. */
  @RegisterForReflection
  public record WebhookSpec(String url, String secretEnv) {}

  /** SMS through Twilio or MessageMedia to these numbers. */
  @RegisterForReflection
  public record SmsSpec(
      String provider,
      String url,
      String accountSid,
      String authTokenEnv,
      String apiKeyEnv,
      String apiSecretEnv,
      String from,
      List<String> to) {}

  /** PagerDuty Events API v2 with the integration (routing) key in {@code routing_key_env}. */
  @RegisterForReflection
  public record PagerDutySpec(String url, String routingKeyEnv) {}

  /** A node of the routing tree (Alertmanager semantics; unset values inherit from the parent). */
  @RegisterForReflection
  public record RouteSpec(
      String receiver,
      List<String> matchers,
      @JsonProperty("continue") Boolean continueMatching,
      List<String> groupBy,
      String groupWait,
      String groupInterval,
      String repeatInterval,
      List<String> muteTimeIntervals,
      List<String> activeTimeIntervals,
      String escalationPolicy,
      List<RouteSpec> routes) {}

  /** A named set of weekly time ranges in a time zone. */
  @RegisterForReflection
  public record TimeIntervalSpec(
      String name, List<String> weekdays, List<TimeRangeSpec> times, String location) {}

  /** From {@code start_time} (inclusive) to {@code end_time} (exclusive), HH:MM. */
  @RegisterForReflection
  public record TimeRangeSpec(String startTime, String endTime) {}
}
