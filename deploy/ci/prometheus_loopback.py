#!/usr/bin/env python3
"""Writes a copy of deploy/prometheus/prometheus.yml for CI: the same scrape jobs, each pointed
at its service on 127.0.0.1, scraped every SCRAPE_INTERVAL seconds.

usage: prometheus_loopback.py SOURCE TARGET SCRAPE_INTERVAL SERVICE=PORT...
"""
import sys

import yaml


def main():
    source, target, interval, *ports = sys.argv[1:]
    ports = dict(p.split("=", 1) for p in ports)
    with open(source) as f:
        config = yaml.safe_load(f)
    config["global"]["scrape_interval"] = f"{interval}s"
    config["global"]["evaluation_interval"] = f"{interval}s"
    jobs = {job["job_name"] for job in config["scrape_configs"]}
    if jobs != set(ports):
        sys.exit(f"scrape jobs {sorted(jobs)} differ from the services {sorted(ports)}")
    for job in config["scrape_configs"]:
        job["static_configs"] = [{"targets": [f"127.0.0.1:{ports[job['job_name']]}"]}]
    with open(target, "w") as f:
        yaml.safe_dump(config, f, sort_keys=False)


if __name__ == "__main__":
    main()
