package dev.autopilot.notification.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The routing tree's depth-first matching, continue and inheritance (Alertmanager semantics). */
class RouteTest {
  private static final CompiledRouting ROUTING =
      RoutingDocuments.compile(
          """
          receivers:
            - {name: default, email_configs: [{to: [a@x.test]}]}
            - {name: oncall, email_configs: [{to: [oncall@x.test]}]}
            - {name: lead, email_configs: [{to: [lead@x.test]}]}
            - {name: chat, email_configs: [{to: [chat@x.test]}]}
            - {name: backups, email_configs: [{to: [dba@x.test]}]}
          route:
            receiver: default
            repeat_interval: 4h
            routes:
              - matchers: ['event=~"deploy\\..*"']
                receiver: chat
                continue: true
              - matchers: ['severity=~"P0|P1"', 'environment="prod"']
                receiver: oncall
                repeat_interval: 1h
                routes:
                  - matchers: ['severity="P0"']
                    receiver: lead
              - matchers: ['event="backup.failed"']
                receiver: backups
          """);

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "event=alert.fired,severity=P1,environment=prod  | oncall",
        "event=alert.fired,severity=P0,environment=prod  | lead",
        "event=alert.fired,severity=P0,environment=stage | default",
        "event=alert.fired,severity=P2,environment=prod  | default",
        "event=deploy.failed,environment=prod            | chat",
        "event=deploy.failed,severity=P1,environment=prod| chat,oncall",
        "event=backup.failed                             | backups",
        "event=maintenance.scheduled                     | default",
      })
  void routesDepthFirstWithContinue(String labels, String receivers) {
    Map<String, String> map =
        Arrays.stream(labels.split(","))
            .map(kv -> kv.strip().split("="))
            .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    List<Route> matched = ROUTING.root().match(map);
    assertThat(matched).extracting(Route::receiver).containsExactly(receivers.split(","));
  }

  @ParameterizedTest(name = "{0}: repeat {1}")
  @CsvSource({
    "P1, PT1H, route.routes[1]",
    "P0, PT1H, route.routes[1].routes[0]",
    "P3, PT4H, route"
  })
  void childrenInheritTimingAndNameTheirPath(String severity, Duration repeat, String path) {
    Route route =
        ROUTING
            .root()
            .match(Map.of("event", "alert.fired", "severity", severity, "environment", "prod"))
            .get(0);
    assertThat(route.repeatInterval()).isEqualTo(repeat);
    assertThat(route.path()).isEqualTo(path);
    assertThat(route.groupWait()).isEqualTo(Duration.ofSeconds(30));
  }
}
