/** The generic JSON webhook channel, HMAC-SHA256 signed with a timestamp against replays. */
package dev.autopilot.notification.channel.webhook;
