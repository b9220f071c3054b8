package dev.autopilot.bench.health;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the three configurations of the health probe benchmark for N targets on the stub, so both
 * probers get the same targets, interval, timeout and checks (status 200 and a body whose status is
 * UP):
 *
 * <ul>
 *   <li>{@code targets.yaml} for health-service ({@code health.targets-file}): {@code
 *       http://127.0.0.1:<stub>/h/<n>}, conditions {@code [STATUS] == 200}, {@code [BODY].status ==
 *       UP};
 *   <li>{@code blackbox.yml}: module {@code http_2xx} with status 200 and a body regexp, IPv4;
 *   <li>{@code prometheus.yml}: one job of N static targets {@code http://127.0.0.1:<stub>/b/<n>}
 *       relabelled to {@code /probe?target=…&module=http_2xx} on blackbox_exporter, the exporter's
 *       documented set-up.
 * </ul>
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.autopilot.bench.health.BenchFiles dir=/tmp/run \
 *   targets=10000 interval=30 timeout=5 stubPort=28090 blackboxPort=28115
 * </pre>
 */
public final class BenchFiles {
  private BenchFiles() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(HealthProbeBench.arg(args, "dir", "."));
    int targets = Integer.parseInt(HealthProbeBench.arg(args, "targets", "10000"));
    int interval = Integer.parseInt(HealthProbeBench.arg(args, "interval", "30"));
    int timeout = Integer.parseInt(HealthProbeBench.arg(args, "timeout", "5"));
    String stub = "127.0.0.1:" + HealthProbeBench.arg(args, "stubPort", "28090");
    String blackbox = "127.0.0.1:" + HealthProbeBench.arg(args, "blackboxPort", "28115");
    Files.createDirectories(dir);

    try (Writer w = Files.newBufferedWriter(dir.resolve("targets.yaml"))) {
      w.write("# health probe benchmark: " + targets + " targets on the stub (BenchFiles)\n");
      w.write("targets:\n");
      for (int i = 0; i < targets; i++) {
        w.write(
            String.format(
                """
                  - id: bench-%05d
                    service: bench-%03d
                    environment: bench
                    kind: http
                    address: http://%s/h/%d
                    interval: %ds
                    timeout: %ds
                    conditions:
                      - "[STATUS] == 200"
                      - "[BODY].status == UP"
                """,
                i, i / 100, stub, i, interval, timeout));
      }
    }

    Files.writeString(
        dir.resolve("blackbox.yml"),
        String.format(
            """
            modules:
              http_2xx:
                prober: http
                timeout: %ds
                http:
                  valid_status_codes: [200]
                  preferred_ip_protocol: ip4
                  fail_if_body_not_matches_regexp:
                    - '"status":"UP"'
            """,
            timeout));

    try (Writer w = Files.newBufferedWriter(dir.resolve("prometheus.yml"))) {
      w.write(
          String.format(
              """
              global:
                scrape_interval: %ds
                scrape_timeout: %ds
              scrape_configs:
                - job_name: blackbox
                  metrics_path: /probe
                  params:
                    module: [http_2xx]
                  relabel_configs:
                    - source_labels: [__address__]
                      target_label: __param_target
                    - source_labels: [__param_target]
                      target_label: instance
                    - target_label: __address__
                      replacement: %s
                  static_configs:
                    - targets:
              """,
              interval, timeout, blackbox));
      for (int i = 0; i < targets; i++) {
        w.write("          - http://" + stub + "/b/" + i + "\n");
      }
    }
    System.out.printf(
        "wrote targets.yaml, blackbox.yml, prometheus.yml for %d targets in %s%n", targets, dir);
  }
}
