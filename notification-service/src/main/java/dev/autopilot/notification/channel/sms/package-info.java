/** The SMS channel (Twilio and MessageMedia REST APIs), behind notification.sms.enabled. */
package dev.autopilot.notification.channel.sms;
