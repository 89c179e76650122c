#!/usr/bin/env python3
"""Checks every Grafana dashboard under deploy/grafana/dashboards, statically and against a live
Prometheus: each query of each panel (and each variable query) must return at least one finite
sample over the given time range. A query without data fails.

usage: check_dashboards.py DASHBOARD_DIR [--prometheus URL --start UNIX_SECONDS --scrape-interval S]
Without --prometheus only the static checks run.
"""
import argparse
import glob
import json
import math
import os
import re
import sys
import time
import urllib.parse
import urllib.request

SCHEMA_VERSION = 41
RATE_WINDOW = re.compile(r"\[(?!\$__rate_interval\])[^\]]*\]")


def panels(dashboard):
    """Top-level panels and those nested in collapsed rows."""
    for panel in dashboard.get("panels", []):
        yield panel
        for nested in panel.get("panels", []):
            yield nested


def static_problems(path, dashboard, uids):
    problems = []
    name = os.path.basename(path)
    uid = dashboard.get("uid")
    if not uid or not re.fullmatch(r"[a-z0-9-]{1,40}", uid):
        problems.append(f"{name}: uid {uid!r} is not a stable lower-case id")
    elif uid in uids:
        problems.append(f"{name}: uid {uid} also used by {uids[uid]}")
    uids[uid] = name
    if dashboard.get("schemaVersion") != SCHEMA_VERSION:
        problems.append(f"{name}: schemaVersion {dashboard.get('schemaVersion')} != {SCHEMA_VERSION}")
    if "id" in dashboard:
        problems.append(f"{name}: has a database id; provisioned dashboards must not")
    variables = dashboard.get("templating", {}).get("list", [])
    if not any(v.get("type") == "datasource" and v.get("query") == "prometheus" for v in variables):
        problems.append(f"{name}: no Prometheus datasource variable")
    ids = set()
    for panel in panels(dashboard):
        title = f"{name} / {panel.get('title')}"
        if panel.get("id") in ids:
            problems.append(f"{title}: duplicate panel id {panel.get('id')}")
        ids.add(panel.get("id"))
        if panel.get("type") == "row":
            continue
        if panel.get("datasource", {}).get("uid") != "${datasource}":
            problems.append(f"{title}: datasource is not ${{datasource}}")
        targets = panel.get("targets", [])
        if not targets:
            problems.append(f"{title}: no queries")
        for target in targets:
            expr = target.get("expr", "")
            if not expr.strip():
                problems.append(f"{title}: empty query {target.get('refId')}")
            if target.get("datasource", {}).get("uid") != "${datasource}":
                problems.append(f"{title} {target.get('refId')}: datasource is not ${{datasource}}")
            for window in RATE_WINDOW.findall(expr):
                problems.append(f"{title}: fixed range {window} instead of [$__rate_interval]")
    return problems


def substitute(expr, variables, rate_interval):
    """What Grafana sends for 'All' of every variable, and $__rate_interval for the step."""
    expr = expr.replace("$__rate_interval", rate_interval)
    for var in variables:
        if var.get("type") == "query":
            value = var.get("allValue") or ".*"
            expr = expr.replace("${" + var["name"] + "}", value).replace("$" + var["name"], value)
    return expr


def prometheus(base, path, params):
    url = f"{base}{path}?{urllib.parse.urlencode(params, doseq=True)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError(f"{url}: {body}")
    return body["data"]


def finite_samples(data):
    count = 0
    for series in data.get("result", []):
        for _, value in series.get("values", []):
            if math.isfinite(float(value)):
                count += 1
    return count


def live_problems(path, dashboard, base, start, end, step):
    # Grafana: $__rate_interval = max($__interval + scrape interval, 4 x scrape interval).
    rate_interval = f"{int(max(2 * step, 4 * step))}s"
    name = os.path.basename(path)
    variables = dashboard.get("templating", {}).get("list", [])
    problems, checked = [], 0
    for var in variables:
        if var.get("type") != "query":
            continue
        match = re.fullmatch(r"label_values\((\w+),\s*(\w+)\)", var["definition"])
        if not match:
            problems.append(f"{name}: variable {var['name']}: unsupported query {var['definition']}")
            continue
        metric, label = match.groups()
        series = prometheus(base, "/api/v1/series", {"match[]": metric, "start": start, "end": end})
        values = sorted({s[label] for s in series if label in s})
        checked += 1
        if not values:
            problems.append(f"{name}: variable {var['name']} ({var['definition']}) has no values")
        else:
            print(f"  ok  {name}: variable {var['name']} = {values}")
    for panel in panels(dashboard):
        for target in panel.get("targets", []):
            expr = substitute(target["expr"], variables, rate_interval)
            data = prometheus(base, "/api/v1/query_range",
                              {"query": expr, "start": start, "end": end, "step": step})
            checked += 1
            samples = finite_samples(data)
            where = f"{name} / {panel['title']} / {target['refId']}"
            if samples == 0:
                problems.append(f"{where}: no data for {expr}")
            else:
                print(f"  ok  {where}: {len(data['result'])} series, {samples} samples")
    return problems, checked


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dashboards")
    parser.add_argument("--prometheus")
    parser.add_argument("--start", type=float)
    parser.add_argument("--scrape-interval", type=float, default=5.0)
    args = parser.parse_args()
    files = sorted(glob.glob(os.path.join(args.dashboards, "*.json")))
    if not files:
        sys.exit(f"no dashboards in {args.dashboards}")
    problems, uids, checked = [], {}, 0
    for path in files:
        with open(path) as f:
            dashboard = json.load(f)
        problems += static_problems(path, dashboard, uids)
        if args.prometheus:
            found, count = live_problems(path, dashboard, args.prometheus, args.start, time.time(),
                                         args.scrape_interval)
            problems += found
            checked += count
    for problem in problems:
        print(f"FAIL {problem}")
    if problems:
        sys.exit(f"{len(problems)} dashboard problem(s)")
    print(f"dashboards ok: {len(files)} files" + (f", {checked} queries with data" if checked else ""))


if __name__ == "__main__":
    main()
