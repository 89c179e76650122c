// Report page of one job (/ui/jobs/{id}#key=KEY): reads the JSON API with the key from the URL
// fragment (never sent to the server, so it stays out of access logs) and draws inline SVG charts.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b"];
const REFRESH_MS = 5000;
const jobId = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop());

function apiKey() {
  const match = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : sessionStorage.getItem("tempered-key");
}

async function getJson(path, key) {
  const response = await fetch(path, { headers: { Authorization: "Bearer " + key } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(response.status + " " + (body.detail || body.title || response.statusText));
  }
  return body;
}

// Every event of the job, following the pages of /events.
async function allEvents(key) {
  const events = [];
  let after = 0;
  for (;;) {
    const page = await getJson(`/v1/jobs/${encodeURIComponent(jobId)}/events?after=${after}&limit=1000`, key);
    events.push(...page.events);
    if (!page.more) return events;
    after = page.next;
  }
}

function el(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function extent(values) {
  let lo = Math.min(...values), hi = Math.max(...values);
  if (lo === hi) { lo -= lo === 0 ? 1 : Math.abs(lo) * 0.1; hi += hi === 0 ? 1 : Math.abs(hi) * 0.1; }
  return [lo, hi];
}

function label(value) {
  return Math.abs(value) >= 1000 || (value !== 0 && Math.abs(value) < 0.01) ? value.toExponential(1) : String(+value.toFixed(3));
}

// Steps and policy versions are integers: label whole numbers only.
function xTicks(xs, x0, x1) {
  if (!xs.every(Number.isInteger)) return [0, 1, 2, 3, 4].map(i => x0 + (x1 - x0) * i / 4);
  const first = Math.min(...xs), last = Math.max(...xs);
  const stride = Math.max(1, Math.ceil((last - first) / 8));
  const ticks = [];
  for (let x = first; x <= last; x += stride) ticks.push(x);
  return ticks;
}

// series: [{name, color, dashed, points: [[x, y], ...]}]; one polyline and one circle per point.
function lineChart(svg, series, xName) {
  svg.replaceChildren();
  const width = +svg.getAttribute("width"), height = +svg.getAttribute("height");
  const left = 56, right = 12, top = 10, bottom = 32;
  const points = series.flatMap(s => s.points);
  if (points.length === 0) {
    el("text", { x: width / 2, y: height / 2, "text-anchor": "middle" }, svg).textContent = "no data yet";
    return;
  }
  const [x0, x1] = extent(points.map(p => p[0]));
  const [y0, y1] = extent(points.map(p => p[1]));
  const sx = x => left + (x - x0) / (x1 - x0) * (width - left - right);
  const sy = y => height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom);
  const axes = el("g", { class: "axes", stroke: "#999" }, svg);
  el("line", { x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }, axes);
  el("line", { x1: left, y1: top, x2: left, y2: height - bottom }, axes);
  for (let i = 0; i <= 4; i++) {
    const y = y0 + (y1 - y0) * i / 4;
    el("text", { x: left - 4, y: sy(y) + 4, "text-anchor": "end" }, svg).textContent = label(y);
  }
  for (const x of xTicks(points.map(p => p[0]), x0, x1)) {
    el("text", { x: sx(x), y: height - bottom + 14, "text-anchor": "middle" }, svg).textContent = label(x);
  }
  el("text", { x: width - right, y: height - 4, "text-anchor": "end" }, svg).textContent = xName;
  for (const s of series) {
    const g = el("g", { class: "series", "data-series": s.name }, svg);
    el("polyline", {
      points: s.points.map(p => sx(p[0]) + "," + sy(p[1])).join(" "),
      fill: "none", stroke: s.color, "stroke-width": 2, "stroke-dasharray": s.dashed ? "6 4" : "none",
    }, g);
    for (const p of s.points) {
      el("circle", { cx: sx(p[0]), cy: sy(p[1]), r: 4, fill: s.color, "data-x": p[0], "data-y": p[1] }, g);
    }
  }
}

// Newest metrics per step (a redelivered step replaces the older one).
function stepSeries(events, metric) {
  const byStep = new Map();
  for (const e of events) {
    if (e.type === "PROGRESS" && e.metrics && Number.isFinite(e.metrics[metric])) byStep.set(e.step, e.metrics[metric]);
  }
  return [...byStep.entries()].sort((a, b) => a[0] - b[0]);
}

// One clean and one noisy series per name of the versions' summaries in `list` (groups or families).
function robustnessSeries(report, list, legendId) {
  const summaries = v => v[list] || [];
  const names = [...new Set(report.versions.flatMap(v => summaries(v).map(g => g.group)))].sort();
  const legend = document.getElementById(legendId);
  legend.replaceChildren();
  return names.flatMap((name, i) => {
    const color = PALETTE[i % PALETTE.length];
    const of = field => report.versions.flatMap(v =>
      summaries(v).filter(g => g.group === name).map(g => [v.policyVersion, g[field]]));
    const item = document.createElement("span");
    item.innerHTML = `<i style="background:${color}"></i>`;
    item.append(name);
    legend.appendChild(item);
    return [
      { name: name + " clean", color, dashed: false, points: of("meanClean") },
      { name: name + " noisy", color, dashed: true, points: of("meanNoisy") },
    ];
  });
}

// Clean and noisy series over the noise strengths of the newest version that has them: all prompts
// first, then one pair per family at each strength.
function strengthSeries(report, legendId) {
  const withStrengths = report.versions.filter(v => (v.strengths || []).length > 0);
  const newest = withStrengths[withStrengths.length - 1];
  const legend = document.getElementById(legendId);
  legend.replaceChildren();
  document.getElementById("strengths-version").textContent = newest ? "v" + newest.policyVersion : "–";
  if (!newest) return [];
  const families = [...new Set(newest.strengths.flatMap(s => (s.families || []).map(f => f.group)))].sort();
  const rows = name => newest.strengths.flatMap(s => name === "all"
    ? [[s.strength, s]]
    : (s.families || []).filter(f => f.group === name).map(f => [s.strength, f]));
  return ["all", ...families].flatMap((name, i) => {
    const color = PALETTE[i % PALETTE.length];
    const item = document.createElement("span");
    item.innerHTML = `<i style="background:${color}"></i>`;
    item.append(name);
    legend.appendChild(item);
    return [
      { name: name + " clean", color, dashed: false, points: rows(name).map(([x, r]) => [x, r.meanClean]) },
      { name: name + " noisy", color, dashed: true, points: rows(name).map(([x, r]) => [x, r.meanNoisy]) },
    ];
  });
}

function summary(job, report) {
  const c = report.comparison;
  const robustness = c
    ? ` · noisy score v0 ${label(c.meanNoisyBefore)} → v${c.version} ${label(c.meanNoisyAfter)}`
    : "";
  return `${job.state} · step ${job.step}/${job.totalSteps}` + (job.error ? ` · error: ${job.error}` : "") + robustness;
}

async function render(key) {
  const base = `/v1/jobs/${encodeURIComponent(jobId)}`;
  const [job, report, events] = await Promise.all([getJson(base, key), getJson(base + "/report", key), allEvents(key)]);
  document.getElementById("title").textContent = `Job ${job.name || ""} ${job.id}`;
  document.getElementById("summary").textContent = summary(job, report);
  lineChart(document.getElementById("reward-chart"),
    [{ name: "reward", color: PALETTE[0], points: stepSeries(events, "rewardMean") }], "step");
  lineChart(document.getElementById("kl-chart"),
    [{ name: "kl", color: PALETTE[1], points: stepSeries(events, "kl") }], "step");
  lineChart(document.getElementById("robustness-chart"),
    robustnessSeries(report, "groups", "robustness-legend"), "policy version");
  lineChart(document.getElementById("families-chart"),
    robustnessSeries(report, "families", "families-legend"), "policy version");
  lineChart(document.getElementById("strengths-chart"),
    strengthSeries(report, "strengths-legend"), "noise strength");
  document.body.dataset.state = job.state;
  return job;
}

async function main() {
  const key = apiKey();
  const form = document.getElementById("key-form");
  if (!key) {
    document.getElementById("summary").textContent = "An API key is needed (append #key=KEY to the address).";
    form.style.display = "block";
    form.onsubmit = event => {
      event.preventDefault();
      sessionStorage.setItem("tempered-key", document.getElementById("key-input").value);
      location.reload();
    };
    return;
  }
  try {
    const job = await render(key);
    document.getElementById("error").textContent = "";
    if (!["SUCCEEDED", "FAILED", "CANCELLED"].includes(job.state)) setTimeout(main, REFRESH_MS);
  } catch (e) {
    document.getElementById("error").textContent = "Could not load the job: " + e.message;
  }
}

main();
