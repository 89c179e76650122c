#!/usr/bin/env python3
"""Checks the docker-compose files as docker-compose resolved them (`docker-compose config` output
on stdin): the five services, Kafka, Prometheus and Grafana are there; images, Dockerfiles, ports
and the Kafka address agree with the services; Prometheus scrapes every service at its port;
Grafana gets the provisioning and dashboards; with --gpu, trainer and sampler reserve a GPU.

usage: docker-compose config | check_compose.py ROOT [--gpu]
"""
import os
import sys

import yaml

sys.path.insert(0, os.path.dirname(__file__))
import services as svc  # noqa: E402


def main():
    root = sys.argv[1]
    gpu = "--gpu" in sys.argv
    config = yaml.safe_load(sys.stdin)
    ports = svc.ports(root)
    problems = []
    compose = config["services"]
    for name in ["kafka", "prometheus", "grafana", *svc.SERVICES]:
        if name not in compose:
            problems.append(f"service {name} missing")
    for name in svc.SERVICES:
        s = compose.get(name, {})
        suffix = ".gpu" if gpu and name in svc.GPU_SERVICES else ""
        tag = "-gpu" if suffix else ""
        if s.get("image") != f"{svc.image(name)}:0.1.0{tag}":
            problems.append(f"{name}: image {s.get('image')}")
        dockerfile = s.get("build", {}).get("dockerfile", "")
        if dockerfile != f"deploy/docker/{name}{suffix}.Dockerfile":
            problems.append(f"{name}: dockerfile {dockerfile}")
        path = os.path.join(root, dockerfile)
        if not os.path.isfile(path):
            problems.append(f"{name}: {dockerfile} does not exist")
        elif svc.dockerfile_expose(path) != [ports[name]]:
            problems.append(f"{name}: {dockerfile} exposes {svc.dockerfile_expose(path)}, service port {ports[name]}")
        else:
            with open(path) as f:
                text = f.read()
            if f"COPY {name}/target/{name}.jar" not in text:
                problems.append(f"{name}: {dockerfile} does not copy {name}/target/{name}.jar")
        env = s.get("environment", {})
        if env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS") != "kafka:9092":
            problems.append(f"{name}: SPRING_KAFKA_BOOTSTRAP_SERVERS {env.get('SPRING_KAFKA_BOOTSTRAP_SERVERS')}")
        devices = s.get("deploy", {}).get("resources", {}).get("reservations", {}).get("devices", [])
        wants_gpu = gpu and name in svc.GPU_SERVICES
        has_gpu = any("gpu" in d.get("capabilities", []) for d in devices)
        if wants_gpu != has_gpu:
            problems.append(f"{name}: GPU reservation {has_gpu}, expected {wants_gpu}")
        device_env = {"trainer-service": "TEMPERED_TRAINER_DEVICE",
                      "sampler-service": "TEMPERED_SAMPLER_DEVICE"}.get(name)
        if wants_gpu and env.get(device_env) != "gpu":
            problems.append(f"{name}: {device_env} is not gpu")
    for name in ["sampler-service", "trainer-service"]:
        mounts = [v.get("target") if isinstance(v, dict) else v.split(":")[1] for v in compose.get(name, {}).get("volumes", [])]
        if "/checkpoints" not in mounts:
            problems.append(f"{name}: no /checkpoints volume")
    if "checkpoints" not in config.get("volumes", {}):
        problems.append("no checkpoints volume")
    if compose.get("gateway", {}).get("ports") and str(ports["gateway"]) not in str(compose["gateway"]["ports"]):
        problems.append("gateway: port not published")
    # Prometheus scrapes each compose service at its port.
    with open(os.path.join(root, "deploy/prometheus/prometheus.yml")) as f:
        prometheus = yaml.safe_load(f)
    targets = {job["job_name"]: job["static_configs"][0]["targets"] for job in prometheus["scrape_configs"]}
    for name in svc.SERVICES:
        if targets.get(name) != [f"{name}:{ports[name]}"]:
            problems.append(f"prometheus.yml: job {name} targets {targets.get(name)}, expected {name}:{ports[name]}")
    for job in prometheus["scrape_configs"]:
        if job.get("metrics_path") != svc.METRICS:
            problems.append(f"prometheus.yml: job {job['job_name']} path {job.get('metrics_path')}")
    grafana = str(compose.get("grafana", {}).get("volumes", []))
    for needed in ["deploy/grafana/provisioning", "deploy/grafana/dashboards", "/etc/grafana/provisioning"]:
        if needed not in grafana:
            problems.append(f"grafana: {needed} not mounted")
    for problem in problems:
        print(f"FAIL compose: {problem}")
    if problems:
        sys.exit(1)
    print(f"compose ok{' (gpu)' if gpu else ''}: {len(compose)} services agree with the services' ports, jars and Prometheus targets")


if __name__ == "__main__":
    main()
