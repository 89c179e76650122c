"""What the deployment files must agree with, read from the services themselves: each service's
HTTP port from its application.yml, its jar, Dockerfiles and image names."""
import os

import yaml

SERVICES = ["gateway", "noise-service", "sampler-service", "reward-service", "trainer-service"]
GPU_SERVICES = ["sampler-service", "trainer-service"]
LIVENESS = "/actuator/health/liveness"
READINESS = "/actuator/health/readiness"
METRICS = "/actuator/prometheus"


def port(root, service):
    with open(os.path.join(root, service, "src/main/resources/application.yml")) as f:
        return int(yaml.safe_load(f)["server"]["port"])


def ports(root):
    return {service: port(root, service) for service in SERVICES}


def dockerfile_expose(path):
    with open(path) as f:
        exposed = [line.split()[1] for line in f if line.startswith("EXPOSE ")]
    return [int(p) for p in exposed]


def image(service):
    return f"tempered/{service}"
