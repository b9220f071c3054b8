-- One database per service (each service owns its schema and runs its own Flyway migrations).
CREATE DATABASE autopilot_health;
CREATE DATABASE autopilot_alert;
CREATE DATABASE autopilot_notification;
CREATE DATABASE autopilot_backup;
CREATE DATABASE autopilot_deploy;
