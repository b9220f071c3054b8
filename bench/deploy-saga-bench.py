#!/usr/bin/env python3
"""Measures deploy-service's saga beside a bash script running the same commands (run by
bench/deploy-saga-bench.sh, which starts the infrastructure and deploy-service).

1. Saga overhead: OVERHEAD_RUNS deployments of `solo`, one at a time, each paired with the bash
   reference running the same deploy command, the same readiness check (curl until 200) and the same
   bake (sleep), alternating. Overhead = wall time minus the time the commands and waits take:
   for the saga, (finished_at - created_at) - (ROLLOUT + VERIFY step durations + bake time); for bash,
   its wall time minus the same three parts it timed itself.
2. Throughput: DEPLOYMENTS deployments across SERVICES services POSTed at once; time until all
   are terminal, beside the bash reference running the same deployments (one lane per service, lanes
   in parallel). Proof of one-at-a-time: per service, neither the deploy commands' own start/end
   records (commands.log) nor the saga rows' [started_at, finished_at] ever overlap.

Only the Python standard library (the bench must run where only Java, curl and python3 are).
"""

import argparse
import json
import os
import statistics
import subprocess
import threading
import time
import urllib.request
from collections import defaultdict
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Stub(BaseHTTPRequestHandler):
    """alert-service's gate (always open) and the deployed app's /ready (always 200)."""

    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path.startswith("/alerts/gate"):
            body = json.dumps({"blocked": False, "alerts": []}).encode()
        elif self.path.startswith("/ready"):
            body = b'{"ready":true}'
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def ts(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() if value else None


class Api:
    def __init__(self, base, token):
        self.base = base
        self.token = token

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read())

    def deploy(self, service, version):
        return self.call(
            "POST",
            "/deployments",
            {"service": service, "environment": "bench", "version": version},
        )["id"]

    def get(self, deployment_id):
        return self.call("GET", "/deployments/" + deployment_id)


TERMINAL = {"SUCCEEDED", "FAILED", "ROLLED_BACK", "REJECTED", "CANCELLED"}


def await_done(api, ids, timeout):
    deadline = time.time() + timeout
    pending = set(ids)
    details = {}
    while pending and time.time() < deadline:
        for deployment_id in list(pending):
            detail = api.get(deployment_id)
            if detail["state"] in TERMINAL:
                details[deployment_id] = detail
                pending.discard(deployment_id)
        if pending:
            time.sleep(0.1)
    if pending:
        raise SystemExit(f"{len(pending)} deployment(s) not finished within {timeout}s")
    return details


def step_ms(detail, step):
    return sum(s["durationMs"] or 0 for s in detail["steps"] if s["step"] == step)


def bash_deploy(run, stub_port, bake, service, version, deployment_id):
    """The bash reference: the same command, readiness check and bake, each timed."""
    script = f"""
set -eu
t0=$(date +%s.%N)
"{run}/bench-deploy.sh" > /dev/null
t1=$(date +%s.%N)
until curl -sf -o /dev/null http://127.0.0.1:{stub_port}/ready; do sleep 1; done
t2=$(date +%s.%N)
sleep {bake}
t3=$(date +%s.%N)
echo "$t0 $t1 $t2 $t3"
"""
    env = dict(
        os.environ,
        AUTOPILOT_SERVICE=service,
        AUTOPILOT_ENVIRONMENT="bench",
        AUTOPILOT_VERSION=version,
        AUTOPILOT_DEPLOYMENT_ID=deployment_id,
    )
    start = time.time()
    out = subprocess.run(["bash", "-c", script], env=env, check=True, capture_output=True, text=True)
    wall = time.time() - start
    t0, t1, t2, t3 = map(float, out.stdout.split())
    return wall, (t1 - t0), (t2 - t1), (t3 - t2)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def overlaps(intervals):
    """Pairs of intervals of one service that overlap (each interval: start, end, label)."""
    found = []
    ordered = sorted(intervals)
    for (s1, e1, l1), (s2, e2, l2) in zip(ordered, ordered[1:]):
        if s2 < e1:
            found.append((l1, l2))
    return found


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--deploy", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--stub-port", type=int, required=True)
    p.add_argument("--run", required=True)
    p.add_argument("--overhead-runs", type=int, default=10)
    p.add_argument("--deployments", type=int, default=100)
    p.add_argument("--services", type=int, default=20)
    p.add_argument("--bake", type=float, default=2)
    p.add_argument("--deploy-pid", type=int)
    p.add_argument("--out", required=True)
    a = p.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", a.stub_port), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    api = Api(a.deploy, a.token)
    stamp = str(int(time.time()))

    # 1. Overhead, alternating saga and bash so both see the same machine load.
    saga_rows, bash_rows = [], []
    api_wall = []
    for i in range(a.overhead_runs):
        version = f"1.{stamp}.{i}"
        t = time.time()
        deployment_id = api.deploy("solo", version)
        detail = await_done(api, [deployment_id], 300)[deployment_id]
        api_wall.append(time.time() - t)
        if detail["state"] != "SUCCEEDED":
            raise SystemExit(f"overhead run {i}: {detail['state']} {detail.get('reason')}")
        wall = ts(detail["finishedAt"]) - ts(detail["createdAt"])
        command = step_ms(detail, "ROLLOUT") / 1000
        check = step_ms(detail, "VERIFY") / 1000
        saga_rows.append((wall, command, check, a.bake))
        bash_rows.append(bash_deploy(a.run, a.stub_port, a.bake, "solo", version, f"bash-{i}"))

    def overhead(rows):
        return [w - c - h - b for (w, c, h, b) in rows]

    saga_over = overhead(saga_rows)
    bash_over = overhead(bash_rows)
    saga_wall = [r[0] for r in saga_rows]
    bash_wall = [r[0] for r in bash_rows]

    # 2. Throughput: everything queued at once.
    services = [f"svc-{n:02d}" for n in range(a.services)]
    cpu0 = cpu_seconds(a.deploy_pid) if a.deploy_pid else None
    t0 = time.time()
    ids = []
    for n in range(a.deployments):
        ids.append(api.deploy(services[n % a.services], f"2.{stamp}.{n}"))
    submitted = time.time() - t0
    details = await_done(api, ids, 1800)
    saga_elapsed = max(ts(d["finishedAt"]) for d in details.values()) - t0
    cpu1 = cpu_seconds(a.deploy_pid) if a.deploy_pid else None
    states = defaultdict(int)
    for d in details.values():
        states[d["state"]] += 1

    by_service_rows = defaultdict(list)
    for d in details.values():
        by_service_rows[d["service"]].append((ts(d["startedAt"]), ts(d["finishedAt"]), d["id"]))
    row_overlaps = {s: overlaps(v) for s, v in by_service_rows.items() if overlaps(v)}

    commands = defaultdict(dict)
    with open(os.path.join(a.run, "commands.log")) as f:
        for line in f:
            service, deployment_id, kind, at = line.split()
            commands[(service, deployment_id)][kind] = float(at)
    by_service_commands = defaultdict(list)
    for (service, deployment_id), se in commands.items():
        if deployment_id in details:
            by_service_commands[service].append((se["start"], se["end"], deployment_id))
    command_overlaps = {
        s: overlaps(v) for s, v in by_service_commands.items() if overlaps(v)
    }
    commands_seen = sum(len(v) for v in by_service_commands.values())

    # Peak concurrency across services (rows), to show the saga did run services in parallel.
    events = []
    for v in by_service_rows.values():
        for s, e, _ in v:
            events += [(s, 1), (e, -1)]
    peak = current = 0
    for _, delta in sorted(events):
        current += delta
        peak = max(peak, current)

    # The bash reference: one lane per service, lanes in parallel, the same deployments.
    per_lane = defaultdict(list)
    for n in range(a.deployments):
        per_lane[services[n % a.services]].append(n)

    def lane(service, numbers):
        for n in numbers:
            bash_deploy(a.run, a.stub_port, a.bake, service, f"3.{stamp}.{n}", f"bash-{service}-{n}")

    t1 = time.time()
    threads = [threading.Thread(target=lane, args=(s, ns)) for s, ns in per_lane.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    bash_elapsed = time.time() - t1
    server.shutdown()

    med = statistics.median
    lines = [
        "| measure | deploy-service saga | bash reference | ratio saga/bash |",
        "|---|---|---|---|",
        f"| one deployment, wall (median of {a.overhead_runs}) | {med(saga_wall):.2f} s "
        f"| {med(bash_wall):.2f} s | {med(saga_wall) / med(bash_wall):.2f} |",
        f"| overhead = wall − command − readiness check − bake (median) | {med(saga_over):.2f} s "
        f"| {med(bash_over):.3f} s | — |",
        f"| overhead min / max | {min(saga_over):.2f} / {max(saga_over):.2f} s "
        f"| {min(bash_over):.3f} / {max(bash_over):.3f} s | — |",
        f"| client-side wall (POST → SUCCEEDED seen, median) | {med(api_wall):.2f} s | — | — |",
        f"| {a.deployments} deployments × {a.services} services queued at once: elapsed "
        f"| {saga_elapsed:.1f} s | {bash_elapsed:.1f} s (lanes in parallel) "
        f"| {saga_elapsed / bash_elapsed:.2f} |",
        f"| throughput | {a.deployments / saga_elapsed:.2f} deployments/s "
        f"| {a.deployments / bash_elapsed:.2f} deployments/s "
        f"| {bash_elapsed / saga_elapsed:.2f} |",
    ]
    report = [
        f"Deploy command {os.path.basename(a.run)}/bench-deploy.sh, bake {a.bake} s, "
        f"readiness check: one GET /ready answering 200.",
        "",
        *lines,
        "",
        f"- outcomes of the {a.deployments}: {dict(states)}; submitted in {submitted:.2f} s; "
        f"peak deployments active at once across services: {peak}",
        f"- one at a time per service: saga rows overlapping within a service: "
        f"{sum(len(v) for v in row_overlaps.values())}; deploy commands overlapping within a "
        f"service (their own start/end records, {commands_seen} commands): "
        f"{sum(len(v) for v in command_overlaps.values())}",
    ]
    if cpu0 is not None:
        report.append(
            f"- deploy-service CPU during the {a.deployments}: {cpu1 - cpu0:.1f} s "
            f"({(cpu1 - cpu0) / a.deployments * 1000:.0f} ms per deployment)"
        )
    report.append(
        "- per-run overhead (saga, s): " + ", ".join(f"{x:.2f}" for x in saga_over)
    )
    text = "\n".join(report) + "\n"
    with open(a.out, "w") as f:
        f.write(text)
    print(text)
    if row_overlaps or command_overlaps:
        raise SystemExit(f"overlap found: rows {row_overlaps} commands {command_overlaps}")


if __name__ == "__main__":
    main()
