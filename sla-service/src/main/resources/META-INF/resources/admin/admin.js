// The administrator's page of the support calendars: a year view of each calendar's holidays and closures, adding a
// holiday or a closure, importing an .ics feed, and the history. Everyone with a role reads; the administrator edits
// (the API enforces it: the page only hides what the caller may not do). No inline script: the CSP allows none.
'use strict';

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];
const state = { me: null, id: null, year: null };
const $ = (id) => document.getElementById(id);

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const v = body && body.violations && body.violations[0];
    const reason = v ? `${v.field}: ${v.reason}` : (body && (body.detail || body.title)) || response.statusText;
    throw new Error(`${response.status} ${reason}`);
  }
  return { body, etag: response.headers.get('ETag') };
}

function say(text, error = false) {
  const m = $('message');
  m.textContent = text;
  m.className = error ? 'error' : '';
}

// a day in the calendar's zone, as YYYY-MM-DD
function localDay(instant, zone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(instant));
}

function iso(year, month, day) {
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

async function loadCalendars() {
  const { body } = await api('/api/sla/calendars');
  const list = $('calendars');
  list.replaceChildren(...body.map((c) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.id = c.id;
    b.textContent = `${c.name} (${c.zone})`;
    b.addEventListener('click', () => show(c.id, state.year));
    li.append(b);
    return li;
  }));
}

async function show(id, year) {
  state.id = id;
  const [{ body: detail }, { body: versioned }] = await Promise.all([
    api(`/api/sla/calendars/${encodeURIComponent(id)}?year=${year}`),
    api(`/api/sla/calendars/${encodeURIComponent(id)}/definition`),
  ]);
  state.year = detail.year;
  const url = new URL(window.location.href);
  url.searchParams.set('calendar', id);
  url.searchParams.set('year', detail.year);
  window.history.replaceState(null, '', url);
  document.querySelectorAll('#calendars button').forEach((b) => b.setAttribute('aria-current', String(b.dataset.id === id)));
  $('calendar').hidden = false;
  $('calendar-name').textContent = detail.name;
  $('calendar-facts').textContent = `${detail.id} · ${detail.zone} · version ${detail.version}` +
    (detail.changedBy ? ` · last changed by ${detail.changedBy}` : '') + ` · ${detail.openNow ? 'open' : 'closed'} now`;
  $('year').textContent = detail.year;
  renderYear(detail, versioned.calendar);
  if (state.me.mayReadHistory) {
    await loadHistory(id);
  }
}

function renderYear(detail, definition) {
  const holidays = new Set(detail.holidays);
  const closures = new Map();
  for (const c of detail.closures || []) {
    const from = localDay(c.from, detail.zone);
    const to = localDay(new Date(new Date(c.to).getTime() - 1).toISOString(), detail.zone);
    for (let d = new Date(`${from}T12:00:00Z`); localDay(d.toISOString(), 'UTC') <= to; d.setUTCDate(d.getUTCDate() + 1)) {
      closures.set(localDay(d.toISOString(), 'UTC'), c.reason || 'closure');
    }
  }
  const open = new Set(Object.keys((definition && definition.hours) || {}));
  const months = [];
  for (let m = 0; m < 12; m++) {
    const table = document.createElement('table');
    table.className = 'month';
    table.createCaption().textContent = `${MONTHS[m]} ${detail.year}`;
    const head = table.createTHead().insertRow();
    for (const w of WEEKDAYS) {
      const th = document.createElement('th');
      th.textContent = w.slice(0, 2);
      th.title = w;
      head.append(th);
    }
    const body = table.createTBody();
    const first = new Date(Date.UTC(detail.year, m, 1));
    const days = new Date(Date.UTC(detail.year, m + 1, 0)).getUTCDate();
    let row = body.insertRow();
    for (let i = 0; i < (first.getUTCDay() + 6) % 7; i++) row.insertCell();
    for (let day = 1; day <= days; day++) {
      const date = new Date(Date.UTC(detail.year, m, day));
      const weekday = WEEKDAYS[(date.getUTCDay() + 6) % 7];
      if (weekday === 'MONDAY' && day > 1) row = body.insertRow();
      const cell = row.insertCell();
      const key = iso(detail.year, m, day);
      cell.textContent = day;
      cell.dataset.date = key;
      if (closures.has(key)) {
        cell.classList.add('closure');
        cell.title = `closure: ${closures.get(key)}`;
      } else if (holidays.has(key)) {
        cell.classList.add('holiday');
        cell.title = 'holiday';
      } else if (!open.has(weekday)) {
        cell.classList.add('closed');
      }
    }
    months.push(table);
  }
  $('year-view').replaceChildren(...months);
}

async function loadHistory(id) {
  const { body } = await api(`/api/sla/calendars/${encodeURIComponent(id)}/history`);
  $('history-section').hidden = false;
  $('history').replaceChildren(...body.slice().reverse().map((v) => {
    const li = document.createElement('li');
    li.dataset.version = v.version;
    li.textContent = `version ${v.version}, ${new Date(v.changedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC, ` +
      `${v.changedBy}: ${v.changes.join('; ')}`;
    return li;
  }));
}

// a change to the definition as it is now: read it with its version, change it, PUT it back at that version
async function change(edit) {
  const { body, etag } = await api(`/api/sla/calendars/${encodeURIComponent(state.id)}/definition`);
  const definition = body.calendar;
  edit(definition);
  const { body: saved } = await api(`/api/sla/calendars/${encodeURIComponent(state.id)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'If-Match': etag },
    body: JSON.stringify(definition),
  });
  return saved;
}

function form(id, handler) {
  $(id).addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const text = await handler(new FormData(event.target));
      say(text);
      event.target.reset();
      await show(state.id, state.year);
    } catch (e) {
      say(e.message, true);
    }
  });
}

async function start() {
  try {
    state.me = (await api('/api/sla/me')).body;
  } catch (e) {
    say(e.message, true);
    return;
  }
  $('who').textContent = `${state.me.user} (${state.me.roles.join(', ')})` +
    (state.me.mayChangeConfiguration ? '' : ' · read only: the administrator changes calendars');
  $('edit').hidden = !state.me.mayChangeConfiguration;
  form('add-holiday', async (data) => {
    const saved = await change((d) => { d.holidays = [...(d.holidays || []), { name: data.get('name'), on: data.get('date') }]; });
    return `Version ${saved.version}: ${saved.changes.join('; ')}`;
  });
  form('add-closure', async (data) => {
    const saved = await change((d) => {
      d.closures = [...(d.closures || []), { from: data.get('from'), to: data.get('to'), reason: data.get('reason') }];
    });
    return `Version ${saved.version}: ${saved.changes.join('; ')}`;
  });
  form('import', async (data) => {
    const file = data.get('file');
    const { body } = await api(`/api/sla/calendars/${encodeURIComponent(state.id)}/holidays/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/calendar' },
      body: await file.text(),
    });
    const skipped = body.skipped.map((s) => `${s.summary} (${s.reason})`).join('; ');
    return `Version ${body.version}: added ${body.added.length}` +
      (body.added.length ? ` (${body.added.map((h) => h.name).join(', ')})` : '') +
      `; skipped ${body.skipped.length}${skipped ? `: ${skipped}` : ''}`;
  });
  $('previous-year').addEventListener('click', () => show(state.id, state.year - 1).catch((e) => say(e.message, true)));
  $('next-year').addEventListener('click', () => show(state.id, state.year + 1).catch((e) => say(e.message, true)));
  try {
    await loadCalendars();
    const params = new URLSearchParams(window.location.search);
    const id = params.get('calendar') || (document.querySelector('#calendars button') || {}).dataset?.id;
    if (id) await show(id, Number(params.get('year')) || new Date().getUTCFullYear());
  } catch (e) {
    say(e.message, true);
  }
}

start();
