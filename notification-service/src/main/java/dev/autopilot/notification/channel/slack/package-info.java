/** The Slack-compatible incoming-webhook channel (Slack, Mattermost, Rocket.Chat). */
package dev.autopilot.notification.channel.slack;
