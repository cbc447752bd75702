// The customer space's one script (no inline script: the CSP forbids it). Pages work without it; it adds:
// - the browser's time zone in a cookie, so dates are shown in the person's own time;
// - the urgency question only for incidents (the agreement asks it for incidents alone).
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf('tz=' + encodeURIComponent(zone)) < 0) {
      document.cookie = 'tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; SameSite=Lax';
    }
  } catch (e) {
    // no Intl: the account's region's zone stands
  }
  document.addEventListener('DOMContentLoaded', function () {
    var urgency = document.getElementById('urgency');
    var kinds = document.querySelectorAll('input[name=kind]');
    function showUrgency() {
      var incident = document.getElementById('kind-incident');
      if (urgency && incident) {
        urgency.hidden = !incident.checked;
      }
    }
    kinds.forEach(function (k) { k.addEventListener('change', showUrgency); });
    showUrgency();
    // files dropped on a file field are taken by the field itself; this only shows where they may be dropped
    document.querySelectorAll('input[type=file].drop').forEach(function (input) {
      ['dragenter', 'dragover'].forEach(function (e) {
        input.addEventListener(e, function () { input.classList.add('over'); });
      });
      ['dragleave', 'drop'].forEach(function (e) {
        input.addEventListener(e, function () { input.classList.remove('over'); });
      });
    });
  });
})();

// The agent workspace (pages under /agent). Without this script every action still works (forms, links); it adds:
// - keyboard shortcuts (? shows them), j/k to move through the work queue;
// - the SLA clocks counting down each second between the server's updates (business time: only while running);
// - whether the agent is typing a reply, for the others' presence line; leaving the page ends the presence at once;
// - a canned reply inserted into the reply box where it stands, without reloading the page.
(function () {
  var lastTyped = 0;

  function typing(target) {
    return target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'
      || target.isContentEditable);
  }

  function focusFirst(id) {
    var el = document.getElementById(id);
    if (!el) {
      return false;
    }
    el.scrollIntoView({ block: 'center' });
    el.focus();
    return true;
  }

  var KEYS = {
    a: 'acknowledge', r: 'reply-body', n: 'note-body', s: 'reclassify-severity', t: 'transfer-level',
    f: 'scope-non-standard', p: 'priority-reason', e: 'escalate-target', v: 'resolve-summary', c: 'close'
  };

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    var page = document.getElementById('agent-page');
    var queue = document.querySelector('table.queue');
    if (event.key === '?' && page) {
      var sheet = document.getElementById('shortcuts');
      sheet.open = !sheet.open;
      sheet.querySelector('summary').focus();
      event.preventDefault();
      return;
    }
    if (event.key === '/') {
      var search = document.getElementById('q');
      if (search) {
        search.focus();
        search.select();
        event.preventDefault();
      } else if (page) {
        window.location.href = '/agent/search';
        event.preventDefault();
      }
      return;
    }
    if (event.key === 'q' && page) {
      window.location.href = '/agent/';
      return;
    }
    if (page && event.key === 'h') {
      if (focusFirst('resume') || focusFirst('hold-reason')) {
        event.preventDefault();
      }
      return;
    }
    if (page && KEYS[event.key]) {
      if (focusFirst(KEYS[event.key])) {
        event.preventDefault();
      }
      return;
    }
    if (queue && (event.key === 'j' || event.key === 'k')) {
      var links = Array.prototype.slice.call(queue.querySelectorAll('a.row-link'));
      if (!links.length) {
        return;
      }
      var at = links.indexOf(document.activeElement);
      var next = event.key === 'j' ? Math.min(links.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
      links[next].focus();
      event.preventDefault();
    }
  });

  document.addEventListener('input', function (event) {
    if (event.target && event.target.id === 'reply-body') {
      lastTyped = Date.now();
    }
  });

  // the presence report says whether this person typed a reply in the last three seconds
  document.addEventListener('htmx:configRequest', function (event) {
    if (event.detail.elt && event.detail.elt.id === 'presence' && Date.now() - lastTyped < 3000) {
      event.detail.parameters.typing = '1';
    }
  });

  // the queue redrawn: the focus stays on the ticket it was on
  var focused = null;
  document.addEventListener('htmx:beforeSwap', function (event) {
    var a = document.activeElement;
    focused = a && a.classList && a.classList.contains('row-link') ? a.getAttribute('href') : null;
  });
  document.addEventListener('htmx:afterSwap', function () {
    if (focused) {
      var again = document.querySelector('a.row-link[href="' + focused + '"]');
      if (again) {
        again.focus();
      }
    }
    startClocks();
  });

  function format(seconds, overdueTemplate) {
    var s = Math.abs(seconds);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var text = h >= 24 ? Math.floor(h / 24) + ' d ' + (h % 24) + ' h' : h + ' h ' + m + ' min';
    return seconds < 0 ? overdueTemplate.replace(/^\s*/, text + ' ').trim() : text;
  }

  function startClocks() {
    document.querySelectorAll('.countdown[data-running="true"]').forEach(function (c) {
      if (c.dataset.started) {
        return;
      }
      c.dataset.started = String(Date.now());
    });
  }

  setInterval(function () {
    document.querySelectorAll('.countdown[data-started]').forEach(function (c) {
      var left = Number(c.dataset.seconds) - Math.floor((Date.now() - Number(c.dataset.started)) / 1000);
      c.textContent = format(left, c.dataset.overdue || '');
    });
  }, 1000);

  document.addEventListener('DOMContentLoaded', function () {
    startClocks();
    var page = document.getElementById('agent-page');
    if (!page) {
      return;
    }
    // an action posted from this page comes back to it: the person stays on the ticket
    var staying = false;
    document.addEventListener('submit', function () { staying = true; });
    window.addEventListener('pagehide', function () {
      if (staying) {
        return;
      }
      var data = new FormData();
      data.append('csrf', page.dataset.csrf);
      navigator.sendBeacon('/agent/tickets/' + page.dataset.ticket + '/leave', data);
    });
    var insert = document.getElementById('canned-insert');
    var select = document.getElementById('canned');
    var box = document.getElementById('reply-body');
    if (insert && select && box) {
      insert.addEventListener('click', function (event) {
        var option = select.options[select.selectedIndex];
        if (!option || !option.value) {
          return;
        }
        event.preventDefault();
        var text = option.getAttribute('data-text');
        var start = box.selectionStart || 0;
        box.value = box.value.slice(0, start) + text + box.value.slice(box.selectionEnd || start);
        box.focus();
        lastTyped = Date.now();
      });
    }
  });
})();
