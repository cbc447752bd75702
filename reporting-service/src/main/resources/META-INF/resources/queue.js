// The agents' work queue (served as a file: the page's Content-Security-Policy allows no inline script). It follows the
// read model live on the dashboard's change stream and fetches the queue again after each change.
"use strict";
function el(tag, attrs, text) {
  const e = document.createElement(tag);
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
const levelSelect = document.getElementById("level");
levelSelect.value = new URLSearchParams(location.search).get("level") || "L1";
function render(q) {
  document.getElementById("waiting").textContent = q.waiting;
  document.getElementById("updated").textContent = new Date(q.at).toLocaleTimeString();
  const tbody = document.getElementById("rows");
  tbody.replaceChildren();
  if (!q.tickets.length) {
    const tr = el("tr");
    tr.appendChild(el("td", {colspan: 10, class: "empty"}, "nothing waiting"));
    tbody.appendChild(tr);
  }
  for (const t of q.tickets) {
    const tr = el("tr", {"data-ticket": t.ticketId, "data-reference": t.reference || ""});
    const ticket = el("td");
    if (q.workspace) {
      // the ticket's page in the agent workspace, where it is worked
      ticket.appendChild(el("a", {href: q.workspace + "/tickets/" + encodeURIComponent(t.ticketId)}, t.reference || t.ticketId));
    } else {
      ticket.appendChild(document.createTextNode(t.reference || t.ticketId));
    }
    if (t.nonStandard) ticket.appendChild(el("span", {class: "sub", title: "outside the standard scope: billable on request"}, " non-standard"));
    const sev = el("td");
    sev.appendChild(el("span", {class: "sev " + t.severity}, t.severity));
    const time = el("td", {class: t.secondsLeft !== null && t.secondsLeft < 0 ? "late" : t.secondsLeft !== null && t.secondsLeft < 1800 ? "soon" : ""},
        t.clock ? left(t.secondsLeft) + " (" + t.clock.toLowerCase() + ")" : "—");
    tr.append(el("td", {}, String(t.position)), ticket, el("td", {}, t.accountName || t.accountId),
        el("td", {}, "★".repeat(Number(t.planLevel.slice(-1)))), sev, el("td", {}, (t.urgency || "—").toLowerCase()),
        el("td", {}, t.status.toLowerCase()), time, el("td", {class: "sub"}, t.why), el("td", {class: "title"}, t.title));
    tbody.appendChild(tr);
  }
  document.body.dataset.at = q.at;
}
let loading = false, again = false, leaving = false, denied = false, stream = null;
async function refresh() {
  if (leaving) return;
  if (loading) { again = true; return; }
  loading = true;
  try {
    const r = await fetch("/api/reports/queue?limit=100&level=" + encodeURIComponent(levelSelect.value),
        {headers: {Accept: "application/json"}});
    if (r.ok) render(await r.json());
    else if (r.status === 401) relogin();
    else if (r.status === 403) deny();
  } finally {
    loading = false;
    if (again) { again = false; refresh(); }
  }
}
function leave() { leaving = true; if (stream) stream.close(); }
function relogin() {
  if (leaving) return;
  const last = Number(sessionStorage.getItem("relogin") || 0);
  if (Date.now() - last > 60000) { sessionStorage.setItem("relogin", String(Date.now())); location.reload(); }
}
function deny() {
  denied = true;
  if (stream) stream.close();
  const n = document.getElementById("notice");
  n.textContent = "You are signed in, but the work queue is for the service desk and the engineers. Ask an administrator for access.";
  n.hidden = false;
  document.querySelector("main").hidden = true;
  document.getElementById("live-text").textContent = "no access";
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
    refresh();
  };
}
levelSelect.addEventListener("change", () => {
  history.replaceState(null, "", "?level=" + levelSelect.value);
  refresh();
});
document.getElementById("logout").addEventListener("click", leave);
window.addEventListener("pagehide", leave);
refresh();
connect();
