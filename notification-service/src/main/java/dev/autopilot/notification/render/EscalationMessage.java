package dev.autopilot.notification.render;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * What an escalation page says (templates {@code email/escalation.txt} / {@code .html}).
 *
 * @param level the level paged now, from 1
 * @param levels how many levels the policy has
 * @param round the pass over the levels, from 1
 * @param rounds how many passes the policy makes (1 + its {@code repeat})
 * @param receivers who this level pages (schedules resolved to their on-call member)
 * @param alertSubject the subject the alert fired with, e.g. {@code [FIRING P1] orders down}
 * @param alertText the alert's own message, as it fired
 * @param unacknowledgedSince when paging began (the escalation started); nobody acknowledged since
 * @param unacknowledgedFor that time until now, in words ({@code 17 min}, {@code 2 h 5 min})
 */
@RegisterForReflection
public record EscalationMessage(
    int level,
    int levels,
    int round,
    int rounds,
    String policy,
    List<String> receivers,
    String alertSubject,
    String alertText,
    String ackLink,
    Instant unacknowledgedSince,
    String unacknowledgedFor) {

  /** The level paged next within this round when nobody acknowledges; 0 after the last level. */
  public int nextLevel() {
    return level < levels ? level + 1 : 0;
  }

  /** Whether the policy starts over at level 1 after this (last) level. */
  public boolean startsOver() {
    return level >= levels && round < rounds;
  }

  /** The subject: {@code [ESCALATION L<level>] <the alert's subject>}. */
  public String subject() {
    return "[ESCALATION L" + level + "] " + alertSubject;
  }
}
