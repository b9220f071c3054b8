/**
 * The notification pipeline, assembled in one place ({@link
 * dev.autopilot.notification.pipeline.NotificationPipeline}): intake (route → render → record, in
 * the consuming transaction) and delivery (claim → send → record the attempt, driven by {@link
 * dev.autopilot.notification.pipeline.DeliveryWorker}). New stages (inhibit, silence, group,
 * throttle, escalate, fall back) are added there, each a small class in its own package.
 */
package dev.autopilot.notification.pipeline;
