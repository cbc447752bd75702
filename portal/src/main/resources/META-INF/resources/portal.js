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
