package dev.autopilot.notification.route;

import dev.autopilot.notification.escalation.EscalationPolicy;
import dev.autopilot.notification.escalation.OnCallSchedule;
import dev.autopilot.notification.mute.TimeInterval;
import dev.autopilot.notification.receiver.Receiver;
import java.time.Duration;
import java.util.Map;

/**
 * A validated routing document: the tree, and by name the receivers, time intervals, on-call
 * schedules and escalation policies; the acknowledge deadline per severity.
 */
public record CompiledRouting(
    RoutingDocument source,
    Route root,
    Map<String, Receiver> receivers,
    Map<String, TimeInterval> timeIntervals,
    Map<String, OnCallSchedule> schedules,
    Map<String, EscalationPolicy> escalationPolicies,
    Map<String, Duration> ackDeadlines) {}
