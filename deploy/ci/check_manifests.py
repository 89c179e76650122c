#!/usr/bin/env python3
"""Renders deploy/base and every overlay under deploy/overlays and checks each object: it parses as
its kind (apiVersion, required fields and their types), selectors match labels, probes point at
the actuator's liveness and readiness paths on the container's port, images and ports agree with
the services, volumes and ConfigMaps referenced exist, KEDA never scales past a topic's
partitions, the monitoring overlay carries every dashboard unchanged, and only the gpu overlay
asks for nvidia.com/gpu (on trainer and sampler, with tolerations and a node selector).

Rendering uses `kubectl kustomize` when kubectl is on PATH, and then also the fallback renderer
(kustomize_subset.py) and requires the same objects from both; without kubectl only the fallback
renders, and the output says so.

usage: check_manifests.py DEPLOY_DIR
"""
import glob
import json
import os
import shutil
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(__file__))
import kustomize_subset  # noqa: E402
import services as svc  # noqa: E402

API = {
    "Namespace": "v1", "ConfigMap": "v1", "PersistentVolumeClaim": "v1", "Service": "v1",
    "Deployment": "apps/v1", "PodDisruptionBudget": "policy/v1",
    "NetworkPolicy": "networking.k8s.io/v1", "Kafka": "kafka.strimzi.io/v1beta2",
    "KafkaNodePool": "kafka.strimzi.io/v1beta2", "KafkaTopic": "kafka.strimzi.io/v1beta2",
    "ServiceMonitor": "monitoring.coreos.com/v1", "ScaledObject": "keda.sh/v1alpha1",
}
# Required paths per kind and the type found there ("." separates keys, [] means every item).
REQUIRED = {
    "ConfigMap": {"data": dict},
    "PersistentVolumeClaim": {"spec.accessModes": list, "spec.resources.requests.storage": str},
    "Service": {"spec.selector": dict, "spec.ports": list, "spec.ports[].port": int, "spec.ports[].name": str},
    "Deployment": {"spec.replicas": int, "spec.selector.matchLabels": dict,
                   "spec.template.metadata.labels": dict, "spec.template.spec.containers": list,
                   "spec.template.spec.containers[].name": str, "spec.template.spec.containers[].image": str},
    "PodDisruptionBudget": {"spec.selector.matchLabels": dict},
    "NetworkPolicy": {"spec.podSelector": dict, "spec.policyTypes": list},
    "Kafka": {"spec.kafka.listeners": list, "spec.kafka.version": str, "spec.entityOperator.topicOperator": dict},
    "KafkaNodePool": {"spec.replicas": int, "spec.roles": list, "spec.storage.type": str},
    "KafkaTopic": {"spec.partitions": int, "spec.replicas": int},
    "ServiceMonitor": {"spec.selector": dict, "spec.endpoints": list, "spec.endpoints[].port": str},
    "ScaledObject": {"spec.scaleTargetRef.name": str, "spec.maxReplicaCount": int, "spec.triggers": list},
}
CONSUMER_GROUPS = {"sampler-service": ("sampler-service", "noisy-inputs"),
                   "reward-service": ("reward-service", "candidates")}


def values(obj, path):
    """Every value at a dotted path; [] fans out over list items. Missing keys yield nothing."""
    current = [obj]
    for part in path.split("."):
        many = part.endswith("[]")
        key = part[:-2] if many else part
        nxt = []
        for item in current:
            if isinstance(item, dict) and key in item:
                nxt += item[key] if many and isinstance(item[key], list) else [item[key]]
        current = nxt
    return current


def selects(selector, labels):
    """matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist) against labels."""
    if "matchLabels" in selector or "matchExpressions" in selector:
        plain = selector.get("matchLabels", {})
        expressions = selector.get("matchExpressions", [])
    else:
        plain, expressions = selector, []
    if any(labels.get(k) != v for k, v in plain.items()):
        return False
    for e in expressions:
        value = labels.get(e["key"])
        op = e["operator"]
        if op == "In" and value not in e["values"] or op == "NotIn" and value in e["values"]:
            return False
        if op == "Exists" and value is None or op == "DoesNotExist" and value is not None:
            return False
    return True


def render(directory):
    fallback = kustomize_subset.render(directory)
    if not shutil.which("kubectl"):
        return fallback, "fallback renderer (NOT kustomize: no kubectl on PATH)"
    out = subprocess.run(["kubectl", "kustomize", directory], check=True, capture_output=True, text=True)
    real = [doc for doc in yaml.safe_load_all(out.stdout) if doc]
    canon = lambda objs: sorted(json.dumps(o, sort_keys=True) for o in objs)  # noqa: E731
    if canon(real) != canon(fallback):
        only_real = set(canon(real)) - set(canon(fallback))
        raise SystemExit(f"{directory}: kubectl kustomize and the fallback renderer differ: "
                         f"{[json.loads(o)['metadata']['name'] for o in only_real]}")
    return real, "kubectl kustomize (the fallback renderer agrees)"


def check(name, objects, ports, deploy):
    problems = []
    p = lambda msg: problems.append(f"{name}: {msg}")  # noqa: E731
    by_kind = {}
    for obj in objects:
        kind = obj.get("kind")
        ident = f"{kind}/{obj.get('metadata', {}).get('name')}"
        if kind not in API:
            p(f"{ident}: unknown kind")
            continue
        if obj.get("apiVersion") != API[kind]:
            p(f"{ident}: apiVersion {obj.get('apiVersion')}, expected {API[kind]}")
        if kind != "Namespace" and obj["metadata"].get("namespace") != "tempered":
            p(f"{ident}: namespace {obj['metadata'].get('namespace')}")
        for path, typ in REQUIRED.get(kind, {}).items():
            found = values(obj, path)
            if not found or not all(isinstance(v, typ) for v in found):
                p(f"{ident}: {path} missing or not {typ.__name__}")
        by_kind.setdefault(kind, {})[obj["metadata"]["name"]] = obj
    deployments = by_kind.get("Deployment", {})
    if set(deployments) != set(svc.SERVICES):
        p(f"deployments {sorted(deployments)} are not the five services")
    configmaps, claims = by_kind.get("ConfigMap", {}), by_kind.get("PersistentVolumeClaim", {})
    gpu_overlay = name.endswith("gpu")
    for dname, d in deployments.items():
        pod = d["spec"]["template"]
        if not selects(d["spec"]["selector"], pod["metadata"]["labels"]):
            p(f"Deployment/{dname}: selector does not match its pod labels")
        spec = pod["spec"]
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        for v in volumes.values():
            claim = v.get("persistentVolumeClaim", {}).get("claimName")
            if claim and claim not in claims:
                p(f"Deployment/{dname}: volume {v['name']} claims missing PVC {claim}")
        c = spec["containers"][0]
        image, _, tag = c["image"].partition(":")
        if image != svc.image(dname) or not tag:
            p(f"Deployment/{dname}: image {c['image']}, expected {svc.image(dname)}:<tag>")
        http = [cp for cp in c.get("ports", []) if cp.get("name") == "http"]
        if [cp["containerPort"] for cp in http] != [ports[dname]]:
            p(f"Deployment/{dname}: http port {http}, service listens on {ports[dname]}")
        env = {e["name"]: e.get("value") for e in c.get("env", [])}
        if env.get("SERVER_PORT") != str(ports[dname]):
            p(f"Deployment/{dname}: SERVER_PORT {env.get('SERVER_PORT')}")
        for ref in c.get("envFrom", []):
            if ref.get("configMapRef", {}).get("name") not in configmaps:
                p(f"Deployment/{dname}: envFrom missing ConfigMap {ref}")
        for probe, path in (("livenessProbe", svc.LIVENESS), ("readinessProbe", svc.READINESS),
                            ("startupProbe", svc.LIVENESS)):
            get = c.get(probe, {}).get("httpGet", {})
            if get.get("path") != path or get.get("port") not in ("http", ports[dname]):
                p(f"Deployment/{dname}: {probe} {get}, expected {path} on http")
        for m in c.get("volumeMounts", []):
            if m["name"] not in volumes:
                p(f"Deployment/{dname}: mount {m['name']} has no volume")
        for key in ("requests", "limits"):
            if not {"cpu", "memory"} <= set(c.get("resources", {}).get(key, {})):
                p(f"Deployment/{dname}: resources.{key} lacks cpu or memory")
        gpus = c.get("resources", {}).get("limits", {}).get("nvidia.com/gpu")
        wants = gpu_overlay and dname in svc.GPU_SERVICES
        if wants:
            if not isinstance(gpus, int) or gpus < 1:
                p(f"Deployment/{dname}: no nvidia.com/gpu limit")
            if not tag.endswith("-gpu"):
                p(f"Deployment/{dname}: image {c['image']} is not a -gpu image")
            if not any(t.get("key") == "nvidia.com/gpu" for t in spec.get("tolerations", [])):
                p(f"Deployment/{dname}: no nvidia.com/gpu toleration")
            if not spec.get("nodeSelector"):
                p(f"Deployment/{dname}: no nodeSelector for GPU nodes")
            device_env = {"trainer-service": "TEMPERED_TRAINER_DEVICE",
                          "sampler-service": "TEMPERED_SAMPLER_DEVICE"}[dname]
            if env.get(device_env) != "gpu":
                p(f"Deployment/{dname}: {device_env} is not gpu")
        elif gpus is not None:
            p(f"Deployment/{dname}: nvidia.com/gpu limit outside the gpu overlay")
        if "checkpoints" not in volumes and dname in ("trainer-service", "sampler-service"):
            p(f"Deployment/{dname}: no checkpoints volume")
    services = by_kind.get("Service", {})
    for sname, s in services.items():
        targets = [d for d in deployments.values()
                   if selects(s["spec"]["selector"], d["spec"]["template"]["metadata"]["labels"])]
        if [d["metadata"]["name"] for d in targets] != [sname]:
            p(f"Service/{sname}: selector matches {[d['metadata']['name'] for d in targets]}")
        for port in s["spec"]["ports"]:
            if port["port"] != ports.get(sname) or port.get("targetPort") not in ("http", ports.get(sname)):
                p(f"Service/{sname}: port {port}, service listens on {ports.get(sname)}")
    for kind in ("PodDisruptionBudget",):
        for oname, o in by_kind.get(kind, {}).items():
            if not any(selects(o["spec"]["selector"], d["spec"]["template"]["metadata"]["labels"])
                       for d in deployments.values()):
                p(f"{kind}/{oname}: selector matches no pods")
    for oname, o in by_kind.get("NetworkPolicy", {}).items():
        sel = o["spec"]["podSelector"]
        if sel and not any(selects(sel, d["spec"]["template"]["metadata"]["labels"]) for d in deployments.values()):
            p(f"NetworkPolicy/{oname}: podSelector matches no pods")
    kafkas = by_kind.get("Kafka", {})
    for kind in ("KafkaNodePool", "KafkaTopic"):
        for oname, o in by_kind.get(kind, {}).items():
            if o["metadata"].get("labels", {}).get("strimzi.io/cluster") not in kafkas:
                p(f"{kind}/{oname}: strimzi.io/cluster names no Kafka")
    brokers = sum(pool["spec"]["replicas"] for pool in by_kind.get("KafkaNodePool", {}).values()
                  if "broker" in pool["spec"]["roles"])
    topics = by_kind.get("KafkaTopic", {})
    for tname, t in topics.items():
        if t["spec"]["replicas"] > brokers:
            p(f"KafkaTopic/{tname}: {t['spec']['replicas']} replicas on {brokers} brokers")
    expected_topics = {"jobs", "noisy-inputs", "candidates", "scored-groups", "evaluations", "rollouts", "checkpoints"}
    if kafkas and set(topics) != expected_topics | {t + "-dlt" for t in expected_topics}:
        p(f"topics {sorted(topics)} are not the pipeline's topics and their DLTs")
    bootstrap = configmaps.get("tempered-config", {}).get("data", {}).get("SPRING_KAFKA_BOOTSTRAP_SERVERS", "")
    if kafkas and not any(bootstrap == f"{k}-kafka-bootstrap:9092" for k in kafkas):
        p(f"SPRING_KAFKA_BOOTSTRAP_SERVERS {bootstrap} is not a Strimzi bootstrap service")
    for oname, o in by_kind.get("ScaledObject", {}).items():
        target = o["spec"]["scaleTargetRef"]["name"]
        if target not in deployments:
            p(f"ScaledObject/{oname}: scales missing Deployment {target}")
            continue
        group, topic = CONSUMER_GROUPS.get(target, (None, None))
        for trigger in o["spec"]["triggers"]:
            meta = trigger.get("metadata", {})
            if trigger.get("type") != "kafka" or meta.get("consumerGroup") != group or meta.get("topic") != topic:
                p(f"ScaledObject/{oname}: trigger {meta} is not {target}'s group {group} on {topic}")
            if topic in topics and o["spec"]["maxReplicaCount"] > topics[topic]["spec"]["partitions"]:
                p(f"ScaledObject/{oname}: maxReplicaCount above the {topics[topic]['spec']['partitions']} partitions of {topic}")
            if not meta.get("bootstrapServers", "").startswith(f"{next(iter(kafkas), '?')}-kafka-bootstrap."):
                p(f"ScaledObject/{oname}: bootstrapServers {meta.get('bootstrapServers')}")
    for oname, o in by_kind.get("ServiceMonitor", {}).items():
        chosen = [s for s in services.values() if selects(o["spec"]["selector"], s["metadata"].get("labels", {}))]
        if sorted(s["metadata"]["name"] for s in chosen) != sorted(svc.SERVICES):
            p(f"ServiceMonitor/{oname}: selects {[s['metadata']['name'] for s in chosen]}")
        for e in o["spec"]["endpoints"]:
            if e.get("path") != svc.METRICS or any(e["port"] not in [sp["name"] for sp in s["spec"]["ports"]] for s in chosen):
                p(f"ServiceMonitor/{oname}: endpoint {e} is not {svc.METRICS} on a named service port")
    if name.endswith("monitoring"):
        shipped = {}
        for cm in configmaps.values():
            if cm["metadata"].get("labels", {}).get("grafana_dashboard") == "1":
                shipped.update(cm["data"])
        for path in glob.glob(os.path.join(deploy, "grafana/dashboards/*.json")):
            with open(path) as f:
                if shipped.get(os.path.basename(path)) != f.read():
                    p(f"dashboard {os.path.basename(path)} missing or changed in the ConfigMaps")
    return problems, sum(len(v) for v in by_kind.values())


def main():
    deploy = sys.argv[1]
    root = os.path.dirname(os.path.abspath(deploy))
    ports = svc.ports(root)
    directories = [os.path.join(deploy, "base")] + sorted(glob.glob(os.path.join(deploy, "overlays/*")))
    problems = []
    for directory in directories:
        name = os.path.relpath(directory, deploy)
        objects, how = render(directory)
        found, count = check(name, objects, ports, deploy)
        problems += found
        print(f"  {'ok ' if not found else 'BAD'} {name}: {count} objects, rendered by {how}")
    for problem in problems:
        print(f"FAIL {problem}")
    if problems:
        sys.exit(f"{len(problems)} manifest problem(s)")
    print(f"manifests ok: base and {len(directories) - 1} overlays")


if __name__ == "__main__":
    main()
