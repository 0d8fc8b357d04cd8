// The pages' only script: progressive enhancement. Everything works without it; with it,
// the skip link moves focus into the content, an error summary takes focus, fields that
// look up credentials list what matches as one types, and on the search page ticking a facet or
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

  // Words the script says, in the page's language: the layout writes them on <body> as
  // data-msg-* attributes (server/templates/base.html); English when one is missing.
  function message(name, fallback) {
    var text = document.body.dataset['msg' + name.charAt(0).toUpperCase() + name.slice(1)];
    return text || fallback;
  }

  // Search as you type: a field with data-suggest lists the credentials matching what is
  // typed under it (the ARIA combobox pattern: Down and Up move through the list, Enter
  // takes the option reached, Escape closes the list). On the recognise page an option
  // opens that credential's equivalents; in a decision form (data-suggest-picks) it
  // becomes the chosen equivalent. Without the script the field's form searches instead.
  var suggestFields = document.querySelectorAll('input[data-suggest]');
  for (var f = 0; f < suggestFields.length; f++) {
    suggestAsYouType(suggestFields[f]);
  }

  function suggestAsYouType(input) {
    var listId = input.id + '-suggestions';
    var list = document.createElement('ul');
    list.id = listId;
    list.className = 'suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', message('suggestionsLabel', 'Matching credentials'));
    list.hidden = true;
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    var row = input.closest('.searchbar-row') || input;
    row.insertAdjacentElement('afterend', list);
    list.insertAdjacentElement('afterend', status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    var found = [];
    var active = -1;
    var timer = null;
    var pending = null;
    var asked = '';

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function reach(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
      }
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute('aria-activedescendant', options[index].id);
        options[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function show(suggestions) {
      found = suggestions;
      list.textContent = '';
      suggestions.forEach(function (suggestion, i) {
        var option = document.createElement('li');
        option.id = listId + '-' + i;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        var title = document.createElement('span');
        title.textContent = suggestion.title;
        if (suggestion.lang) {
          title.lang = suggestion.lang;
        }
        var detail = document.createElement('span');
        detail.className = 'hint';
        detail.textContent = suggestion.detail;
        option.appendChild(title);
        option.appendChild(detail);
        // The field keeps focus: a click takes the option without blurring it first.
        option.addEventListener('mousedown', function (event) { event.preventDefault(); });
        option.addEventListener('click', function () { take(i); });
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute('aria-activedescendant');
      list.hidden = suggestions.length === 0;
      input.setAttribute('aria-expanded', suggestions.length ? 'true' : 'false');
      status.textContent = suggestions.length === 0
        ? message('noMatch', 'No credential matches.')
        : message(suggestions.length === 1 ? 'matchesOne' : 'matchesOther',
          '{count} credentials match; Down arrow to go through them, Enter to take one.')
          .replace('{count}', String(suggestions.length));
    }

    function ask() {
      var words = input.value.trim();
      if (words === asked) {
        return;
      }
      asked = words;
      if (pending) {
        pending.abort();
        pending = null;
      }
      if (words.length < 2) {
        show([]);
        status.textContent = '';
        return;
      }
      pending = new AbortController();
      var url = input.getAttribute('data-suggest');
      url += (url.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(words);
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: pending.signal })
        .then(function (response) {
          if (!response.ok) {
            throw new Error('status ' + response.status);
          }
          return response.json();
        })
        .then(show)
        .catch(function (error) {
          if (error.name !== 'AbortError') {
            // The form still searches without the list.
            close();
          }
        });
    }

    function take(index) {
      var suggestion = found[index];
      if (!suggestion) {
        return;
      }
      var picks = input.getAttribute('data-suggest-picks');
      if (!picks) {
        window.location.assign(suggestion.href);
        return;
      }
      choose(picks, suggestion);
      input.value = '';
      asked = '';
      show([]);
      close();
    }

    // The suggestion becomes the checked radio button of the form's choices (added at the
    // top when it is not among them), the decision an equivalence, and focus moves to it.
    function choose(name, suggestion) {
      var fieldset = input.closest('fieldset');
      var choices = fieldset && fieldset.querySelector('[data-choices]');
      if (!choices) {
        return;
      }
      var radio = null;
      var radios = choices.querySelectorAll('input[type=radio]');
      for (var i = 0; i < radios.length; i++) {
        if (radios[i].value === suggestion.id) {
          radio = radios[i];
        }
      }
      if (!radio) {
        var n = radios.length + 1;
        var id = name + '-picked-' + n;
        while (document.getElementById(id)) {
          n += 1;
          id = name + '-picked-' + n;
        }
        var choice = document.createElement('div');
        choice.className = 'choice';
        radio = document.createElement('input');
        radio.type = 'radio';
        radio.name = name;
        radio.id = id;
        radio.value = suggestion.id;
        radio.setAttribute('aria-describedby', id + '-detail');
        var label = document.createElement('label');
        label.htmlFor = id;
        var title = document.createElement('span');
        title.textContent = suggestion.title;
        if (suggestion.lang) {
          title.lang = suggestion.lang;
        }
        var detail = document.createElement('span');
        detail.className = 'hint';
        detail.id = id + '-detail';
        detail.textContent = suggestion.detail;
        label.appendChild(title);
        label.appendChild(document.createTextNode(' '));
        label.appendChild(detail);
        choice.appendChild(radio);
        choice.appendChild(label);
        choices.insertBefore(choice, choices.firstChild);
      }
      radio.checked = true;
      var equivalent = input.form && input.form.querySelector('input[name=outcome][value=equivalent]');
      if (equivalent) {
        equivalent.checked = true;
      }
      radio.focus();
      status.textContent = message('chosen', 'Chosen: {title}.').replace('{title}', suggestion.title);
    }

    input.addEventListener('input', function () {
      if (timer) {
        clearTimeout(timer);
      }
      timer = setTimeout(ask, 200);
    });

    input.addEventListener('keydown', function (event) {
      var open = !list.hidden && found.length > 0;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        if (!open && found.length) {
          list.hidden = false;
          input.setAttribute('aria-expanded', 'true');
        }
        if (found.length) {
          reach(active + 1 < found.length ? active + 1 : 0);
        }
      } else if (event.key === 'ArrowUp') {
        if (open) {
          event.preventDefault();
          reach(active > 0 ? active - 1 : found.length - 1);
        }
      } else if (event.key === 'Enter') {
        if (open && active >= 0) {
          event.preventDefault();
          take(active);
        } else if (input.getAttribute('data-suggest-picks')) {
          // Enter in the search of a decision form searches; it does not record.
          var find = input.parentNode.querySelector('button[name=find_target]');
          if (find) {
            event.preventDefault();
            find.click();
          }
        }
      } else if (event.key === 'Escape') {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener('blur', close);
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
