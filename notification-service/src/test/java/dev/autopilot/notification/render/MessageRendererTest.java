package dev.autopilot.notification.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.autopilot.notification.NotificationServiceTestResource;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.store.KnownAlert;
import dev.autopilot.platform.consume.PermanentEventException;
import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.event.v1.AlertAcknowledged;
import dev.autopilot.platform.event.v1.AlertAnnotations;
import dev.autopilot.platform.event.v1.AlertFired;
import dev.autopilot.platform.event.v1.AlertResolved;
import dev.autopilot.platform.event.v1.BackupCompleted;
import dev.autopilot.platform.event.v1.BackupFailed;
import dev.autopilot.platform.event.v1.BackupRestored;
import dev.autopilot.platform.event.v1.BackupVerified;
import dev.autopilot.platform.event.v1.DeployFailed;
import dev.autopilot.platform.event.v1.DeployRejected;
import dev.autopilot.platform.event.v1.DeployRolledBack;
import dev.autopilot.platform.event.v1.DeployStarted;
import dev.autopilot.platform.event.v1.DeployStepCompleted;
import dev.autopilot.platform.event.v1.DeploySucceeded;
import dev.autopilot.platform.event.v1.HealthDegraded;
import dev.autopilot.platform.event.v1.HealthRecovered;
import dev.autopilot.platform.event.v1.MaintenanceEnded;
import dev.autopilot.platform.event.v1.MaintenanceScheduled;
import dev.autopilot.platform.event.v1.MaintenanceStarted;
import dev.autopilot.platform.event.v1.Severity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real templates through the real Qute engine: escaping, missing data, fallbacks. */
@QuarkusTest
@QuarkusTestResource(NotificationServiceTestResource.class)
class MessageRendererTest {
  private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

  @Inject MessageRenderer renderer;

  @Test
  void htmlEscapesWhatEventsSayAndTextKeepsIt() {
    AlertFired fired =
        new AlertFired(
            UUID.randomUUID(),
            "f",
            "Evil",
            Severity.P0,
            Map.of("target", "<b>x</b>"),
            new AlertAnnotations("<script>alert(1)</script>\nsecond line", "d & e", null),
            AT,
            null,
            null);

    RenderedMessage message = renderer.render("email", notice(fired, null));

    assertThat(message.subject()).isEqualTo("[FIRING P0] <script>alert(1)</script> second line");
    assertThat(message.text()).contains("<script>alert(1)</script>").contains("target = <b>x</b>");
    assertThat(message.html())
        .doesNotContain("<script>")
        .doesNotContain("<b>x</b>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("d &amp; e");
    assertThat(message.text()).doesNotContain("Runbook:").doesNotContain("Value:");
  }

  /** Every event type with only its required fields, and no known alert. */
  static Stream<Arguments> bareEvents() {
    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
    return Stream.of(
        Arguments.of(
            new AlertFired(id, null, null, null, null, null, null, null, null),
            "[FIRING P?] " + id),
        Arguments.of(new AlertResolved(id, null, null, null, null, null), "[RESOLVED] " + id),
        Arguments.of(
            new AlertAcknowledged(id, null, null, null, null),
            "[ACK] " + id + " acknowledged by someone"),
        Arguments.of(
            new DeploySucceeded(id, null, null, null, null, null),
            "Deployed a service (unknown version) to an environment"),
        Arguments.of(
            new DeployFailed(id, null, null, null, null, null),
            "Deployment of a service to an environment FAILED at an unknown step: no reason"
                + " given"),
        Arguments.of(
            new DeployRolledBack(id, null, null, null, null, null),
            "Rolled back a service in an environment from (unknown version) to (unknown version):"
                + " no reason given"),
        Arguments.of(
            new BackupFailed("orders-db", null, null),
            "Backup of orders-db FAILED: no reason given"),
        Arguments.of(
            new BackupCompleted(id, null, null, null, null, null, null, null),
            "Backup of a source completed"),
        Arguments.of(
            new DeployRejected("svc", null, null, null, null),
            "Deployment of svc to an environment REJECTED: no reason given"),
        Arguments.of(
            new BackupRestored(id, null, null, null, null, null, null),
            "Restore of " + id + " into its database ended"),
        Arguments.of(
            new MaintenanceScheduled(id, null, null, null, null, null),
            "[MAINTENANCE scheduled] all services in all environments"),
        Arguments.of(
            new HealthDegraded("t", null, null, null, null, null, null, null, null, null, null),
            "[HEALTH DEGRADED] t"),
        Arguments.of(new HealthRecovered("t", null, null, null, null), "[HEALTH UP] t recovered"),
        Arguments.of(
            new DeployStarted(id, null, null, null, null),
            "Deploying a service (unknown version) to an environment"),
        Arguments.of(
            new BackupVerified(id, null, null, null, false, null),
            "Restore drill of " + id + " FAILED: no reason given"),
        Arguments.of(
            new MaintenanceStarted(id, null, null, null, null),
            "[MAINTENANCE started] all services in all environments"),
        Arguments.of(
            new MaintenanceEnded(id, null, null),
            "[MAINTENANCE ended] all services in all environments"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("bareEvents")
  void eventsWithOnlyTheirRequiredFieldsStillRender(EventData data, String subject) {
    RenderedMessage message = renderer.render("email", notice(data, null));

    assertThat(message.subject()).isEqualTo(subject);
    assertThat(message.text()).contains("notification-service, event ");
    assertThat(message.html()).startsWith("<!DOCTYPE html>").contains("</html>");
    // Every other channel renders it too (built-in channel template or the channel's default).
    for (String channel : MessageRenderer.CHANNELS) {
      RenderedMessage other = renderer.render(channel, notice(data, null));
      assertThat(other.subject()).as(channel).isEqualTo(subject);
      assertThat(other.text()).as(channel).isNotBlank();
    }
  }

  @Test
  void resolutionNamesTheAlertThatFiredWhenKnown() {
    UUID alertId = UUID.randomUUID();
    AlertResolved resolved = new AlertResolved(alertId, "f", "TargetUnhealthy", AT, null, null);
    KnownAlert known =
        new KnownAlert(
            alertId,
            "TargetUnhealthy",
            "P1",
            "Target demo-ready is DOWN",
            Map.of(),
            AT,
            AT,
            null,
            null,
            "fp-1");

    assertThat(renderer.render("email", notice(resolved, known)).subject())
        .isEqualTo("[RESOLVED] Target demo-ready is DOWN");
    assertThat(renderer.render("email", notice(resolved, null)).subject())
        .isEqualTo("[RESOLVED] TargetUnhealthy");
    AlertAcknowledged ack = new AlertAcknowledged(alertId, "jane", AT, null, null);
    assertThat(renderer.render("email", notice(ack, known)).subject())
        .isEqualTo("[ACK] Target demo-ready is DOWN acknowledged by jane");
  }

  @Test
  void anEventWithoutTemplateIsPermanentlyUnrenderable() {
    DeployStepCompleted step =
        new DeployStepCompleted(UUID.randomUUID(), null, null, null, null, null, null);
    assertThatThrownBy(() -> renderer.render("email", notice(step, null)))
        .isInstanceOf(PermanentEventException.class)
        .hasMessageContaining(Topics.DEPLOY_STEP_COMPLETED);
    assertThatThrownBy(() -> renderer.render("slack", notice(step, null)))
        .isInstanceOf(PermanentEventException.class);
    assertThatThrownBy(
            () -> renderer.render("pager", notice(new BackupFailed("orders-db", null, null), null)))
        .isInstanceOf(PermanentEventException.class);
  }

  private static Notice notice(EventData data, KnownAlert alert) {
    return new Notice(UUID.randomUUID().toString(), data.topic(), "/test", AT, data, alert);
  }
}
