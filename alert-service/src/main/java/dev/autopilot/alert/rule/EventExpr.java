package dev.autopilot.alert.rule;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A condition on the suite's events, one result per subject (backup source, service/environment,
 * notification channel).
 *
 * @param kind {@code backup_failed} (last backup of a source failed), {@code backup_absent} (value
 *     = hours since the source's last backup.completed; compare it, e.g. {@code > 26}), {@code
 *     restore_failed} (last restore drill, backup.verified, was not ok), {@code deploy_failed}
 *     (last deployment failed or rolled back), {@code notification_failed} (failures per channel
 *     within {@code window}, default 1h)
 */
@RegisterForReflection
public record EventExpr(String kind, String window) {}
