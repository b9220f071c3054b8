/** deploy-service's HTTP API: request deployments (operator), follow them (viewer). */
package dev.autopilot.deploy.api;
