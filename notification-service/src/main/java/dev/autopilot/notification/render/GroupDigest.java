package dev.autopilot.notification.render;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What an aggregation group's message says (templates {@code email/group.txt} / {@code .html}).
 *
 * @param subject the message's subject ({@code [FIRING:3] service=orders}, a lone member's own)
 * @param labels the group's labels, {@code name=value name=value}
 * @param route the route the group belongs to
 * @param firing how many members are alert.fired events
 * @param members the events told together, oldest first
 */
@RegisterForReflection
public record GroupDigest(
    String subject, String labels, String route, long firing, List<Member> members) {

  /** One event of the group: its own subject and message. */
  @RegisterForReflection
  public record Member(
      String eventType,
      String subject,
      String severity,
      String alertId,
      String ackLink,
      String text) {}
}
