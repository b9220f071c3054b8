/** health-service's typed configuration, targets included (config as code). */
package dev.autopilot.health.config;
