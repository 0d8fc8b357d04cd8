// The pages' only script: progressive enhancement. Everything works without it; with it,
// the skip link moves focus into the content, an error summary takes focus, and on the search page ticking a facet or
// choosing a sort order updates the results in place (no reload, focus stays on the
// control, the new count is announced), empty fields stay out of the URL, and the filters
// fold away on narrow screens until needed.
// Served from this server only (the Content-Security-Policy allows no other script).
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // The skip link moves keyboard focus into the main content, not only the scroll position.
  var skip = document.querySelector('a.skip-link');
  var main = document.getElementById('main');
  if (skip && main) {
    skip.addEventListener('click', function (event) {
      event.preventDefault();
      main.focus();
      main.scrollIntoView();
    });
  }

  // A form sent back with errors: focus moves to the summary, which is read out and
  // links to each field.
  var errorSummary = document.querySelector('.error-summary');
  if (errorSummary) {
    errorSummary.focus();
  }

  // "Print this decision": the browser's print dialog (the print stylesheet leaves out
  // navigation and forms). Without the script the button is hidden: printing from the
  // browser does the same.
  var printButtons = document.querySelectorAll('[data-print]');
  for (var i = 0; i < printButtons.length; i++) {
    printButtons[i].addEventListener('click', function () {
      window.print();
    });
  }

  var form = document.getElementById('search-form');
  if (!form) {
    return;
  }
  var live = document.getElementById('live');

  // The URL of the form's current state, empty fields and the page number left out.
  function stateUrl() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (name !== 'page' && String(value).trim() !== '') {
        params.append(name, value);
      }
    });
    var query = params.toString();
    return '/' + (query ? '?' + query : '');
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    window.location.assign(stateUrl());
  });

  var filters = document.getElementById('filters');
  if (filters && window.matchMedia('(max-width: 52rem)').matches) {
    var active = filters.querySelector('input:checked, input[type=number]:not([value=""]), select option[selected]:not([value=""])');
    if (!active) {
      filters.open = false;
    }
  }

  var pending = null;

  function update() {
    var url = stateUrl();
    var focusedId = document.activeElement ? document.activeElement.id : '';
    var openMore = Array.prototype.map.call(
      document.querySelectorAll('fieldset.facet details[open]'),
      function (details) { return details.parentNode.getAttribute('data-facet'); }
    );
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    document.getElementById('results').setAttribute('aria-busy', 'true');
    fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin', signal: pending.signal })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('status ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        ['filters-body', 'results'].forEach(function (id) {
          var next = fresh.getElementById(id);
          var old = document.getElementById(id);
          if (next && old) {
            old.replaceWith(document.importNode(next, true));
          }
        });
        openMore.forEach(function (name) {
          var details = document.querySelector('fieldset.facet[data-facet="' + name + '"] details');
          if (details) {
            details.open = true;
          }
        });
        document.title = fresh.title;
        window.history.pushState(null, '', url);
        var focused = focusedId && document.getElementById(focusedId);
        if (focused) {
          focused.focus();
        }
        var heading = document.getElementById('results-heading');
        if (live && heading) {
          live.textContent = heading.getAttribute('data-summary');
        }
      })
      .catch(function (error) {
        if (error.name !== 'AbortError') {
          window.location.assign(url);
        }
      });
  }

  document.addEventListener('change', function (event) {
    var control = event.target;
    if (control.form !== form) {
      return;
    }
    if (control.type === 'checkbox' || control.tagName === 'SELECT') {
      update();
    }
  });

  window.addEventListener('popstate', function () {
    window.location.reload();
  });
})();
