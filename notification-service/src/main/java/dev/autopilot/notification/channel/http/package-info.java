/**
 * Outgoing HTTP shared by the webhook, Slack, SMS and PagerDuty channels, and its error taxonomy.
 */
package dev.autopilot.notification.channel.http;
