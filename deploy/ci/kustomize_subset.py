"""A renderer for the subset of Kustomize that deploy/ uses, for machines without kubectl or
kustomize. It is NOT Kustomize: it knows resources (files and directories), namespace, images
(newTag/newName), patches given as JSON 6902 operations with a target (kind, name, labelSelector
key=value), and configMapGenerator from files with generatorOptions (labels, annotations,
disableNameSuffixHash: true only). Anything else in a kustomization.yaml is an error, and where
real kustomize exists check_manifests.py requires both renderers to produce the same objects."""
import copy
import os

import yaml

SUPPORTED = {"apiVersion", "kind", "resources", "namespace", "images", "patches",
             "configMapGenerator", "generatorOptions"}
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"}
POD_OWNERS = {"Deployment", "StatefulSet", "DaemonSet", "Job"}


def render(directory):
    path = os.path.join(directory, "kustomization.yaml")
    with open(path) as f:
        k = yaml.safe_load(f)
    unknown = set(k) - SUPPORTED
    if unknown:
        raise ValueError(f"{path}: fields not supported by the fallback renderer: {sorted(unknown)}")
    objects = []
    for resource in k.get("resources", []):
        target = os.path.normpath(os.path.join(directory, resource))
        if os.path.isdir(target):
            objects += render(target)
        else:
            with open(target) as f:
                objects += [doc for doc in yaml.safe_load_all(f) if doc]
    objects += generate(directory, k)
    for patch in k.get("patches", []):
        operations = yaml.safe_load(patch["patch"])
        matched = [o for o in objects if matches(o, patch.get("target", {}))]
        if not matched:
            raise ValueError(f"{path}: patch target {patch.get('target')} matches nothing")
        for obj in matched:
            for op in operations:
                apply(obj, op)
    if "namespace" in k:
        for obj in objects:
            if obj["kind"] not in CLUSTER_SCOPED:
                obj["metadata"]["namespace"] = k["namespace"]
            elif obj["kind"] == "Namespace":
                obj["metadata"]["name"] = k["namespace"]
    for rule in k.get("images", []):
        for obj in objects:
            for container in containers(obj):
                name, _, tag = container["image"].partition(":")
                if name == rule["name"]:
                    container["image"] = f"{rule.get('newName', name)}:{rule.get('newTag', tag)}"
    return objects


def generate(directory, k):
    options = k.get("generatorOptions", {})
    generated = []
    for gen in k.get("configMapGenerator", []):
        if not options.get("disableNameSuffixHash"):
            raise ValueError(f"{directory}: only disableNameSuffixHash: true generators are supported")
        if set(gen) - {"name", "files"}:
            raise ValueError(f"{directory}: generator fields {sorted(set(gen) - {'name', 'files'})}")
        data = {}
        for file in gen["files"]:
            with open(os.path.join(directory, file)) as f:
                data[os.path.basename(file)] = f.read()
        metadata = {"name": gen["name"]}
        if options.get("labels"):
            metadata["labels"] = dict(options["labels"])
        if options.get("annotations"):
            metadata["annotations"] = dict(options["annotations"])
        generated.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata, "data": data})
    return generated


def containers(obj):
    if obj.get("kind") not in POD_OWNERS:
        return []
    spec = obj["spec"]["template"]["spec"]
    return spec.get("containers", []) + spec.get("initContainers", [])


def matches(obj, target):
    if "kind" in target and obj.get("kind") != target["kind"]:
        return False
    if "name" in target and obj["metadata"].get("name") != target["name"]:
        return False
    if "labelSelector" in target:
        key, _, value = target["labelSelector"].partition("=")
        if obj["metadata"].get("labels", {}).get(key) != value:
            return False
    return True


def apply(obj, op):
    """One JSON 6902 operation (add, replace, remove) on a JSON pointer."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in op["path"].split("/")[1:]]
    parent = obj
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) else parent[part]
    last = parts[-1]
    kind = op["op"]
    if isinstance(parent, list):
        index = len(parent) if last == "-" else int(last)
        if kind == "add":
            parent.insert(index, copy.deepcopy(op["value"]))
        elif kind == "replace":
            parent[index] = copy.deepcopy(op["value"])
        elif kind == "remove":
            del parent[index]
        else:
            raise ValueError(f"unsupported op {kind}")
        return
    if kind in ("replace", "remove") and last not in parent:
        raise ValueError(f"{op['path']}: {kind} of a missing key")
    if kind in ("add", "replace"):
        parent[last] = copy.deepcopy(op["value"])
    elif kind == "remove":
        del parent[last]
    else:
        raise ValueError(f"unsupported op {kind}")
