/**
 * Alertmanager's aggregation groups for routes with group_by: alerts sharing the group_by labels
 * wait group_wait, then are told together; later ones are batched every group_interval.
 */
package dev.autopilot.notification.group;
