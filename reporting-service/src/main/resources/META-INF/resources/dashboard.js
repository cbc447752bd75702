// The operations dashboard (served as a file: the page's Content-Security-Policy allows no inline script).
"use strict";
const SEVS = ["SEV1", "SEV2", "SEV3", "SEV4"];
const STATES = ["OPEN", "ACKNOWLEDGED", "ON_HOLD", "RESOLVED"];
const STATE_OPACITY = {OPEN: 1, ACKNOWLEDGED: .75, ON_HOLD: .5, RESOLVED: .3};
const NS = "http://www.w3.org/2000/svg";

function el(tag, attrs, text) {
  const e = tag.startsWith("svg:") ? document.createElementNS(NS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
function left(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.abs(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  const txt = (h ? h + " h " : "") + m + " min";
  return seconds < 0 ? txt + " late" : txt;
}
function sevBadge(sev) { return el("span", {class: "sev " + sev}, sev); }
function row(cells, attrs) {
  const tr = el("tr", attrs);
  for (const c of cells) { const td = el("td"); if (c instanceof Node) td.appendChild(c); else td.textContent = c ?? ""; tr.appendChild(td); }
  tr.lastChild.className = "title";
  return tr;
}
function fill(tbody, lines, cells) {
  tbody.replaceChildren();
  if (!lines.length) { const tr = el("tr"); tr.appendChild(el("td", {colspan: 7, class: "empty"}, "none")); tbody.appendChild(tr); return; }
  for (const l of lines) tbody.appendChild(row(cells(l), {"data-ticket": l.ticketId, "data-reference": l.reference || ""}));
}
function chart(grid) {
  const svg = document.getElementById("chart"), w = svg.clientWidth || 320, barH = 26, gap = 8, labelW = 46;
  svg.replaceChildren();
  const max = Math.max(1, ...SEVS.map(s => STATES.reduce((a, st) => a + (grid[s]?.[st] || 0), 0)));
  SEVS.forEach((sev, i) => {
    const y = i * (barH + gap);
    svg.appendChild(el("svg:text", {x: 0, y: y + 18, fill: "#8b98a5", "font-size": 12}, sev));
    let x = labelW;
    for (const st of STATES) {
      const n = grid[sev]?.[st] || 0;
      if (!n) continue;
      const bw = (w - labelW - 64) * n / max;
      const r = el("svg:rect", {x, y, width: Math.max(bw, 2), height: barH, rx: 3, fill: `var(--${sev.toLowerCase()})`, opacity: STATE_OPACITY[st]});
      r.appendChild(el("svg:title", {}, `${sev} ${st}: ${n}`));
      svg.appendChild(r);
      x += bw;
    }
    const total = STATES.reduce((a, st) => a + (grid[sev]?.[st] || 0), 0);
    svg.appendChild(el("svg:text", {x: x + 6, y: y + 18, fill: "#e6edf3", "font-size": 12, "data-testid": "count-" + sev}, String(total)));
  });
  const legend = document.getElementById("legend");
  legend.replaceChildren(...STATES.map(st => { const s = el("span"); const i = el("i"); i.style.background = "#e6edf3"; i.style.opacity = STATE_OPACITY[st]; s.append(i, st.toLowerCase().replace("_", " ")); return s; }));
}
function gauge(pct) {
  const svg = document.getElementById("gauge"), w = svg.clientWidth || 320;
  svg.replaceChildren();
  svg.appendChild(el("svg:rect", {x: 0, y: 20, width: w, height: 22, rx: 4, fill: "#2a3441"}));
  if (pct !== null && pct !== undefined) {
    svg.appendChild(el("svg:rect", {x: 0, y: 20, width: w * pct / 100, height: 22, rx: 4, fill: pct >= 90 ? "var(--ok)" : "var(--sev1)"}));
  }
  const ox = w * .9;
  svg.appendChild(el("svg:line", {x1: ox, x2: ox, y1: 14, y2: 48, stroke: "#e6edf3", "stroke-width": 2}));
  svg.appendChild(el("svg:text", {x: ox - 40, y: 64, fill: "#8b98a5", "font-size": 11}, "objective 90 %"));
}
function render(s) {
  document.getElementById("open-total").textContent = s.openTotal;
  document.getElementById("breaches-today").textContent = s.breachesToday;
  document.getElementById("updated").textContent = new Date(s.at).toLocaleTimeString();
  chart(s.openBySeverityAndState);
  gauge(s.responseAttainmentThisMonth);
  document.getElementById("attainment-text").textContent = s.responseAttainmentThisMonth === null
    ? "no response measured yet this month"
    : `${s.responseAttainmentThisMonth} % acknowledged in time (${s.respondedInTimeThisMonth} of ${s.responseMeasuredThisMonth})`;
  const outages = document.getElementById("outages");
  outages.replaceChildren();
  if (!s.currentOutages.length) outages.appendChild(el("div", {class: "empty"}, "none"));
  for (const o of s.currentOutages) outages.appendChild(el("div", {"data-outage": o.outageId},
      `${o.application} — ${o.planned ? "planned maintenance" : "outage"} for ${o.minutes} min`));
  fill(document.getElementById("near"), s.nearBreach, l => [l.reference || l.ticketId, l.accountId, sevBadge(l.severity),
      l.status, l.clock, el("span", {class: l.secondsLeft < 0 ? "late" : l.secondsLeft < 1800 ? "soon" : ""}, left(l.secondsLeft)), l.title]);
  document.getElementById("overdue-total").textContent = s.overdueTotal + (s.overdueTotalCapped ? "+" : "");
  fill(document.getElementById("late"), s.overdue, l => [l.reference || l.ticketId, l.accountId, sevBadge(l.severity),
      l.status, l.clock, el("span", {class: "late"}, left(-l.secondsLeft)), l.title]);
  fill(document.getElementById("prio"), s.priorityAndEscalated, l => [l.reference || l.ticketId, l.accountId,
      sevBadge(l.severity), l.status, l.escalatedTo || "—", l.breached ? "yes" : "no", l.title]);
  lag(s.consumerLag || [], s.lagMeasuredAt);
  document.body.dataset.version = s.version;
}
function lag(lines, at) {
  const tbody = document.getElementById("lag");
  tbody.replaceChildren();
  if (!lines.length) { const tr = el("tr"); tr.appendChild(el("td", {colspan: 3, class: "empty"}, "not measured yet")); tbody.appendChild(tr); }
  for (const l of lines) {
    const tr = el("tr", {"data-reference": l.group});
    tr.appendChild(el("td", {}, l.group + (l.readModel ? " (this dashboard)" : "")));
    tr.appendChild(el("td", {}, String(l.records)));
    tr.appendChild(el("td", {class: l.records > 0 ? "soon" : ""}, l.records > 0 ? "behind" : "up to date"));
    tbody.appendChild(tr);
  }
  document.getElementById("lag-at").textContent = at ? "(measured " + new Date(at).toLocaleTimeString() + ")" : "";
  const own = lines.find(l => l.readModel);
  const behind = document.getElementById("behind");
  behind.hidden = !own || own.records === 0;
  behind.textContent = own && own.records > 0 ? `The figures on this page are ${own.records} events behind.` : "";
}
let loading = false, again = false;
async function refresh() {
  if (leaving) return;
  if (loading) { again = true; return; }
  loading = true;
  try {
    const r = await fetch("/api/reports/dashboard", {headers: {Accept: "application/json"}});
    if (r.ok) render(await r.json());
    else if (r.status === 401) relogin();
    else if (r.status === 403) deny();
  } finally {
    loading = false;
    if (again) { again = false; refresh(); }
  }
}
let stream = null, denied = false;
/**
 * The user is logging out (or the page is going away): nothing may reload the page any more. The logout's first
 * answer drops the session cookie, and a data call that got a 401 in that moment would reload the page and go by
 * Keycloak's login while Keycloak's session still lives, so the logout would never reach Keycloak.
 */
let leaving = false;
function leave() {
  leaving = true;
  if (stream) stream.close();
}
/** The login session ended: load the page again, which goes by the login (at most once a minute, never a loop). */
function relogin() {
  if (leaving) return;
  const last = Number(sessionStorage.getItem("relogin") || 0);
  if (Date.now() - last > 60000) {
    sessionStorage.setItem("relogin", String(Date.now()));
    location.reload();
  }
}
/** Signed in, but without a vendor role: say so once, and stop asking. */
function deny() {
  denied = true;
  if (stream) stream.close();
  const n = document.getElementById("notice");
  n.textContent = "You are signed in, but the operations dashboard is for the support organisation "
    + "(service desk, engineers, account managers, operations, administrators). Ask an administrator for access.";
  n.hidden = false;
  document.querySelector("main").hidden = true;
  const live = document.getElementById("live"), text = document.getElementById("live-text");
  live.classList.remove("on");
  text.textContent = "no access";
}
function connect() {
  const live = document.getElementById("live"), text = document.getElementById("live-text");
  stream = new EventSource("/api/reports/dashboard/stream");
  stream.onopen = () => { if (!denied) { live.classList.add("on"); text.textContent = "live"; } };
  stream.onmessage = () => refresh();
  stream.onerror = () => {
    if (denied || leaving) return;
    live.classList.remove("on");
    text.textContent = "reconnecting…";
    refresh();  // tells a lost session (401: log in again) or a refusal (403) from a network hiccup
  };
}
document.getElementById("logout").addEventListener("click", leave);
window.addEventListener("pagehide", leave);
refresh();
connect();
