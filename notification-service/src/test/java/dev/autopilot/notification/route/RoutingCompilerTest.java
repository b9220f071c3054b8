package dev.autopilot.notification.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.autopilot.platform.problem.Problem.FieldError;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad routing document is refused with the path of what is wrong. */
class RoutingCompilerTest {
  private static final String RECEIVERS =
      "receivers: [{name: a, email_configs: [{to: [a@x.test]}]}]\n";

  static Stream<Arguments> badDocuments() {
    return Stream.of(
        arguments("route: {receiver: a}", "receivers"),
        arguments(RECEIVERS + "route: {receiver: nobody}", "route.receiver"),
        arguments(RECEIVERS + "route: {}", "route.receiver"),
        arguments(
            RECEIVERS + "route: {receiver: a, routes: [{matchers: ['x=~\"(\"']}]}",
            "route.routes[0].matchers[0]"),
        arguments(
            RECEIVERS + "route: {receiver: a, routes: [{}, {receiver: b}]}",
            "route.routes[1].receiver"),
        arguments(RECEIVERS + "route: {receiver: a, group_wait: 5 minutes}", "route.group_wait"),
        arguments(
            RECEIVERS + "route: {receiver: a, mute_time_intervals: [night]}",
            "route.mute_time_intervals[0]"),
        arguments(RECEIVERS + "route: {receiver: a, grup_by: [x]}", "route.grup_by"),
        arguments(
            "receivers: [{name: a, email_configs: [{to: [nope]}]}]\\nroute: {receiver: a}",
            "receivers[0].email_configs[0].to[0]"),
        arguments(
            "receivers: [{name: a, sms_configs: [{provider: pigeon, to: ['+61491570156']}]}]\\nroute: {receiver: a}",
            "receivers[0].sms_configs[0].provider"),
        arguments(
            "receivers: [{name: a, sms_configs: [{provider: twilio, account_sid: AC1, auth_token_env: T, from: x, to: ['0491']}]}]\\nroute: {receiver: a}",
            "receivers[0].sms_configs[0].to[0]"),
        arguments(
            "receivers: [{name: a, pagerduty_configs: [{routing_key_env: 'abc def'}]}]\\nroute: {receiver: a}",
            "receivers[0].pagerduty_configs[0].routing_key_env"),
        arguments(
            "receivers: [{name: a, webhook_configs: [{url: 'ftp://x', secret_env: S}]}]\\nroute: {receiver: a}",
            "receivers[0].webhook_configs[0].url"),
        arguments(
            "receivers: [{name: a, fallback: a}]\\nroute: {receiver: a}", "receivers[0].fallback"),
        arguments("receivers: [{name: a}, {name: a}]\\nroute: {receiver: a}", "receivers[1].name"),
        arguments(
            RECEIVERS
                + "time_intervals: [{name: w, weekdays: ['friday:monday']}]\\nroute: {receiver: a}",
            "time_intervals[0].weekdays[0]"),
        arguments(
            RECEIVERS
                + "time_intervals: [{name: w, times: [{start_time: '17:00', end_time: '09:00'}]}]\\nroute: {receiver: a}",
            "time_intervals[0].times[0].end_time"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badDocuments")
  void refusesNamingThePath(String yaml, String field) {
    InvalidRoutingException e =
        catchThrowableOfType(
            InvalidRoutingException.class,
            () -> RoutingDocuments.compile(yaml.replace("\\n", "\n")));
    assertThat(e).as("no error for %s", yaml).isNotNull();
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.errors()).extracting(FieldError::field).contains(field);
  }
}
