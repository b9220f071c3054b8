/** deploy-service's typed configuration and its start-up checks. */
package dev.autopilot.deploy.config;
