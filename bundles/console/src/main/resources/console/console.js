/*
 * Lapor Predator console: one page over /api/admin. Everything from the server is put in the page as
 * text (textContent), never as HTML; reported links are shown defanged with a copy button and are never
 * loaded, linked or previewed.
 */
(function () {
  'use strict';

  var T = JSON.parse(document.getElementById('texts').textContent);
  var main = document.getElementById('main');
  var errorBox = document.getElementById('error');
  var state = { user: null, csrf: null, items: [], selected: 0, report: null };
  var CLASSES = ['CSAM', 'CSAM_NATIONAL', 'GROOMING', 'SEXTORTION', 'NOT_ILLEGAL', 'UNREACHABLE'];
  var STATUSES = ['RECEIVED', 'UNDER_REVIEW', 'REFERRED', 'ACTIONED', 'CLOSED'];

  function t(key) {
    var text = T[key] || key;
    for (var i = 1; i < arguments.length; i++) {
      text = text.replace('{' + (i - 1) + '}', arguments[i]);
    }
    return text;
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') {
        e.textContent = attrs[k];
      } else if (k.indexOf('on') === 0) {
        e.addEventListener(k.substring(2), attrs[k]);
      } else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) {
        e.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
      }
    });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function show(nodes) {
    main.textContent = '';
    nodes.forEach(function (n) { main.appendChild(n); });
  }

  function fail(message) {
    errorBox.textContent = message || t('error.generic');
    errorBox.hidden = false;
  }

  function api(method, path, body) {
    errorBox.hidden = true;
    var headers = { 'Accept': 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (method !== 'GET' && state.csrf) {
      headers['X-CSRF-Token'] = state.csrf;
    }
    return fetch(path, {
      method: method, headers: headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.text().then(function (text) {
        var data = {};
        try { data = text ? JSON.parse(text) : {}; } catch (e) { data = {}; }
        if (r.status === 401 && path !== '/api/admin/session') {
          signedOut();
          throw new Error('signed out');
        }
        if (r.status >= 400) {
          fail(data.message);
          throw new Error(data.error || String(r.status));
        }
        return data;
      });
    });
  }

  /** https://bad.example/x becomes hxxps://bad[.]example/x: readable, not clickable. */
  function defang(url) {
    return String(url).replace(/^http/i, 'hxxp').replace(/^(hxxps?:\/\/[^\/?#]*)/i, function (host) {
      return host.replace(/\./g, '[.]');
    });
  }

  function copyButton(url) {
    var b = el('button', { type: 'button', 'class': 'copy', text: t('report.copy') });
    b.addEventListener('click', function () {
      if (navigator.clipboard) {
        navigator.clipboard.writeText(url).then(function () { b.textContent = t('report.copied'); });
      }
    });
    return b;
  }

  function signedIn(session) {
    state.user = session.username;
    state.csrf = session.csrfToken;
    document.getElementById('nav').hidden = false;
    document.getElementById('who').textContent = session.username;
    document.getElementById('nav-modules').hidden = session.roles.indexOf('admin') < 0;
    if (!location.hash || location.hash === '#/login') {
      location.hash = '#/queue';
    } else {
      route();
    }
  }

  function signedOut() {
    state.user = null;
    state.csrf = null;
    document.getElementById('nav').hidden = true;
    login();
  }

  function login() {
    var user = el('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
    var pass = el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    var form = el('form', { id: 'login', 'class': 'login' }, [
      el('h1', { text: t('signin') }),
      el('label', { 'for': 'username', text: t('username') }), user,
      el('label', { 'for': 'password', text: t('password') }), pass,
      el('button', { type: 'submit', id: 'signin', text: t('signin') })
    ]);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      api('POST', '/api/admin/session', { username: user.value, password: pass.value })
        .then(signedIn).catch(function () { pass.value = ''; });
    });
    show([form]);
    user.focus();
  }

  function select(name, values, current, label) {
    var s = el('select', { id: name, name: name });
    s.appendChild(el('option', { value: '', text: t('queue.any') }));
    values.forEach(function (v) {
      s.appendChild(el('option', { value: v[0], text: v[1], selected: v[0] === current }));
    });
    return [el('label', { 'for': name, text: label }), s];
  }

  function queue(params) {
    var p = params || {};
    var query = Object.keys(p).filter(function (k) { return p[k] !== '' && p[k] !== undefined; })
      .map(function (k) { return k + '=' + encodeURIComponent(p[k]); }).join('&');
    api('GET', '/api/admin/reports' + (query ? '?' + query : '')).then(function (data) {
      var form = el('form', { id: 'filters', 'class': 'filters' });
      [].concat(
        select('status', STATUSES.map(function (s) { return [s, s]; }), p.status, t('queue.status')),
        select('classified', [['false', t('queue.no')], ['true', t('queue.yes')]], p.classified, t('queue.classified')),
        select('order', [['oldest', t('queue.oldest')], ['newest', t('queue.newest')]], p.order, t('queue.order')),
        [el('label', { 'for': 'q', text: t('queue.search') }), el('input', { id: 'q', name: 'q', value: p.q || '' }),
          el('button', { type: 'submit', text: t('queue.search') })]
      ).forEach(function (n) { form.appendChild(n); });
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        queue({ status: form.status.value, classified: form.classified.value, order: form.order.value, q: form.q.value, page: 0 });
      });
      var table = el('table', { id: 'queue' }, [el('thead', {}, [el('tr', {}, [
        el('th', { text: t('queue.reference') }), el('th', { text: t('queue.created') }), el('th', { text: t('queue.channel') }),
        el('th', { text: t('queue.category') }), el('th', { text: t('queue.status') }), el('th', { text: t('queue.items') }),
        el('th', { text: t('queue.unclassified') })])])]);
      var body = el('tbody');
      data.reports.forEach(function (r) {
        body.appendChild(el('tr', {}, [
          el('td', {}, [el('a', { href: '#/report/' + r.reference, text: r.reference, 'class': 'reference' }),
            r.urgent ? el('span', { 'class': 'urgent-mark', text: ' ' + t('queue.urgent') }) : '']),
          el('td', { text: r.createdAt.replace('T', ' ').substring(0, 16) }), el('td', { text: r.channel }),
          el('td', { text: r.category }), el('td', { text: r.status }), el('td', { text: String(r.itemCount) }),
          el('td', { text: String(r.unclassifiedCount) })]));
      });
      table.appendChild(body);
      var page = Number(p.page || 0);
      var pages = Math.max(1, Math.ceil(data.total / 50));
      var pager = el('p', { 'class': 'pager' }, [
        el('button', { type: 'button', disabled: page === 0, text: t('queue.prev'),
          onclick: function () { p.page = page - 1; queue(p); } }),
        ' ' + t('queue.page', page + 1, pages) + ' ',
        el('button', { type: 'button', disabled: page + 1 >= pages, text: t('queue.next'),
          onclick: function () { p.page = page + 1; queue(p); } })]);
      show([el('h1', { text: t('queue.heading') }), form, table,
        el('p', { id: 'queue-none', hidden: data.reports.length > 0, text: t('queue.none') }), pager]);
    }).catch(function () {});
  }

  function report(reference) {
    api('GET', '/api/admin/reports/' + reference).then(function (r) {
      state.report = r;
      state.items = r.items;
      state.selected = Math.max(0, r.items.findIndex(function (i) { return !i.classification; }));
      var facts = el('dl', { 'class': 'facts' }, [
        el('dt', { text: t('queue.category') }), el('dd', { text: r.category }),
        el('dt', { text: t('report.platform') }), el('dd', { text: r.platformHint || '-' }),
        el('dt', { text: t('queue.channel') }), el('dd', { text: r.channel }),
        el('dt', { text: t('report.language') }), el('dd', { text: r.language }),
        el('dt', { text: t('report.anonymous') }), el('dd', { text: r.anonymous ? t('yes') : t('no') }),
        el('dt', { text: t('report.description') }), el('dd', { text: r.description || '-', 'class': 'description' })]);
      var items = el('ol', { id: 'items', 'class': 'items' });
      r.items.forEach(function (item, index) {
        var buttons = CLASSES.map(function (c, n) {
          return el('button', { type: 'button', 'class': 'classify' + (item.classification === c ? ' chosen' : ''),
            'data-class': c, text: (n + 1) + ' ' + t('class.' + c), onclick: function () { classify(index, c); } });
        });
        var removal = item.removedAt
          ? el('button', { type: 'button', 'class': 'unremove', text: t('report.unremove'), onclick: function () { removal(index, false); } })
          : el('button', { type: 'button', 'class': 'remove', text: t('report.remove'), onclick: function () { removal(index, true); } });
        items.appendChild(el('li', { 'class': 'item' + (index === state.selected ? ' selected' : ''), 'data-id': String(item.id),
          onclick: function () { pick(index); } }, [
          el('p', {}, [el('code', { 'class': 'url', text: defang(item.canonicalUrl) }), ' ', copyButton(item.canonicalUrl)]),
          el('p', { 'class': 'meta', text: item.platform + ' · ' + item.kind + ' · ' + t('report.count', item.reportCount)
            + (item.removedAt ? ' · ' + t('report.removed', item.removedAt.substring(0, 10)) : '') }),
          el('p', { 'class': 'actions' }, buttons.concat([removal]))]));
      });
      var statusSelect = el('select', { id: 'new-status' });
      // only the moves allowed from here (the server checks them again)
      var next = T['statusnext.' + r.status] ? T['statusnext.' + r.status].split(',') : [];
      next.forEach(function (s) { statusSelect.appendChild(el('option', { value: s, text: s })); });
      var messageSelect = el('select', { id: 'status-message', 'aria-label': t('report.status.message') });
      var preview = el('div', { id: 'status-preview', 'class': 'hint' });
      function messages() {
        messageSelect.textContent = '';
        T['statusmsgs.' + statusSelect.value].split(',').forEach(function (key, n) {
          messageSelect.appendChild(el('option', { value: key, text: (n === 0 ? t('report.status.default') + ': ' : '') + key }));
        });
        previewText();
      }
      function previewText() {
        var key = messageSelect.value;
        preview.textContent = '';
        preview.appendChild(el('p', { text: t('report.status.preview') + ':' }));
        preview.appendChild(el('p', { lang: 'ms', 'class': 'preview-ms', text: 'BM: ' + T['statusmsg.ms.' + key] }));
        preview.appendChild(el('p', { lang: 'en', 'class': 'preview-en', text: 'EN: ' + T['statusmsg.en.' + key] }));
      }
      statusSelect.addEventListener('change', messages);
      messageSelect.addEventListener('change', previewText);
      var current = el('p', { id: 'current-status', text: t('report.status') + ': ' + r.status + ' (' + r.messageKey + ')' });
      var status = el('form', { id: 'status-form', hidden: next.length === 0 }, [
        el('label', { 'for': 'new-status', text: t('report.status.change') }),
        statusSelect, messageSelect, el('button', { type: 'submit', text: t('report.status.change') }), preview]);
      if (next.length > 0) {
        messages();
      }
      status.addEventListener('submit', function (e) {
        e.preventDefault();
        api('POST', '/api/admin/reports/' + reference + '/status', { status: statusSelect.value, messageKey: messageSelect.value })
          .then(function () { report(reference); }).catch(function () {});
      });
      var contactOut = el('p', { id: 'contact' });
      var contact = el('button', { type: 'button', id: 'reveal', text: t('report.contact'), onclick: function () {
        var reason = window.prompt(t('report.contact.reason'));
        if (!reason) {
          return;
        }
        api('POST', '/api/admin/reports/' + reference + '/contact', { reason: reason }).then(function (c) {
          contactOut.textContent = c.anonymous ? t('report.contact.none') : c.contact;
        }).catch(function () {});
      } });
      var history = el('ul', { id: 'history' });
      r.history.forEach(function (h) {
        history.appendChild(el('li', { text: h.at.replace('T', ' ').substring(0, 19) + ' · ' + (h.actor || '-') + ' · '
          + h.action + (h.detail ? ' · ' + h.detail : '') }));
      });
      show([el('h1', { text: t('report.heading', r.reference) }),
        el('p', { id: 'urgent', 'class': 'urgent', hidden: !r.urgent, text: t('report.urgent') }), facts, el('h2', { text: t('report.items') }),
        el('p', { 'class': 'hint', text: t('report.keys') }), items, current, status, contact, contactOut,
        el('h2', { text: t('report.history') }), history,
        el('h2', { text: t('report.deliveries') }), deliveriesTable('deliveries', r.deliveries || [])]);
    }).catch(function () {});
  }

  function pick(index) {
    state.selected = index;
    var lis = document.querySelectorAll('#items > li');
    for (var i = 0; i < lis.length; i++) {
      lis[i].classList.toggle('selected', i === index);
    }
  }

  function classify(index, c) {
    var item = state.items[index];
    api('PUT', '/api/admin/items/' + item.id + '/classification', { classification: c })
      .then(function () { report(state.report.reference); }).catch(function () {});
  }

  function removal(index, on) {
    var item = state.items[index];
    api(on ? 'POST' : 'DELETE', '/api/admin/items/' + item.id + '/removal', on ? {} : undefined)
      .then(function () { report(state.report.reference); }).catch(function () {});
  }

  function nextUnclassified() {
    api('GET', '/api/admin/reports?classified=false&order=oldest&size=1').then(function (data) {
      if (data.reports.length) {
        location.hash = '#/report/' + data.reports[0].reference;
      } else {
        location.hash = '#/queue';
      }
    }).catch(function () {});
  }

  function counts(title, map) {
    var rows = Object.keys(map).map(function (k) { return el('tr', {}, [el('td', { text: k }), el('td', { text: String(map[k]) })]); });
    return el('section', { 'class': 'counts' }, [el('h2', { text: title }), el('table', {}, [el('tbody', {}, rows)])]);
  }

  /** Delivery records as a table (no payload: the event is the report's own). */
  function deliveriesTable(id, list) {
    var head = el('tr', {}, ['delivery.id', 'delivery.partner', 'delivery.event', 'delivery.state', 'delivery.attempts',
      'delivery.next', 'delivery.error', 'delivery.partnerref'].map(function (k) { return el('th', { text: t(k) }); }));
    var rows = list.map(function (d) {
      return el('tr', { 'data-state': d.state }, [el('td', { text: String(d.id) }), el('td', { text: d.partner }),
        el('td', { text: d.eventType }), el('td', { text: d.state }), el('td', { text: String(d.attempts) }),
        el('td', { text: d.nextAttemptAt ? d.nextAttemptAt.replace('T', ' ').substring(0, 19) : (d.deliveredAt ? d.deliveredAt.replace('T', ' ').substring(0, 19) : '-') }),
        el('td', { text: d.lastError || '' }), el('td', { text: d.partnerReference || '' })]);
    });
    return el('table', { id: id, 'class': 'deliveries' }, [el('thead', {}, [head]), el('tbody', {}, rows)]);
  }

  function dashboard() {
    api('GET', '/api/admin/dashboard?days=90').then(function (d) {
      var chart = el('div', { id: 'chart-per-day', 'class': 'chart' });
      show([el('h1', { text: t('dash.heading', d.days) }),
        el('p', {}, [el('a', { href: '/api/admin/export/items.csv', id: 'export', text: t('dash.export') })]),
        el('h2', { text: t('dash.perday') }), chart,
        el('dl', { 'class': 'facts' }, [
          el('dt', { text: t('dash.removed') }), el('dd', { id: 'removed-share', text: Math.round(d.removedShare * 100) + '%' }),
          el('dt', { text: t('dash.toclass') }), el('dd', { text: d.medianHoursToFirstClassification === null ? '-' : String(d.medianHoursToFirstClassification) }),
          el('dt', { text: t('dash.toremoval') }), el('dd', { text: d.medianHoursToRemoval === null ? '-' : String(d.medianHoursToRemoval) })]),
        counts(t('dash.category'), d.byCategory), counts(t('dash.channel'), d.byChannel),
        counts(t('dash.platform'), d.byPlatform), counts(t('dash.classification'), d.itemsByClassification),
        el('h2', { text: t('dash.dead', d.deadDeliveries ? d.deadDeliveries.total : 0) }),
        deliveriesTable('dead-deliveries', d.deadDeliveries ? d.deadDeliveries.latest : [])]);
      if (window.uPlot) {
        var xs = d.reportsPerDay.map(function (p) { return Date.parse(p.day + 'T00:00:00+08:00') / 1000; });
        var ys = d.reportsPerDay.map(function (p) { return p.reports; });
        new window.uPlot({ width: Math.min(900, main.clientWidth - 20), height: 260,
          series: [{}, { label: t('dash.perday'), stroke: '#1f3a5f', fill: 'rgba(31,58,95,.12)' }],
          scales: { x: { time: true } } }, [xs, ys], chart);
      }
    }).catch(function () {});
  }

  function audit() {
    api('GET', '/api/admin/audit').then(function (data) {
      var table = el('table', { id: 'audit' }, [el('thead', {}, [el('tr', {}, ['audit.at', 'audit.actor', 'audit.action',
        'audit.target', 'audit.detail'].map(function (k) { return el('th', { text: t(k) }); }))])]);
      var body = el('tbody');
      data.entries.forEach(function (e) {
        body.appendChild(el('tr', {}, [e.at.replace('T', ' ').substring(0, 19), e.actor || '-', e.action, e.target || '',
          e.detail || ''].map(function (v) { return el('td', { text: v }); })));
      });
      table.appendChild(body);
      show([el('h1', { text: t('audit.heading') }), table]);
    }).catch(function () {});
  }

  function modules() {
    api('GET', '/api/admin/modules').then(function (data) {
      var list = el('table', { id: 'modules' });
      data.modules.forEach(function (m) {
        list.appendChild(el('tr', { 'data-module': m.id }, [el('td', { text: m.id }), el('td', { text: m.kind }),
          el('td', { text: m.name }), el('td', { text: m.state + (m.problem ? ': ' + m.problem : ''),
            'class': m.problem ? 'problem' : null }), el('td', {}, [
            el('button', { type: 'button', 'class': 'switch', 'aria-pressed': String(m.enabled),
              text: m.enabled ? t('modules.on') : t('modules.off'), onclick: function () {
                api('POST', '/api/admin/modules/' + encodeURIComponent(m.id) + (m.enabled ? '/disable' : '/enable'))
                  .then(modules).catch(function () {});
              } })])]));
      });
      show([el('h1', { text: t('modules.heading') }), list]);
      plugins();
    }).catch(function () {});
  }

  // plugins: listed under the modules; a KAR uploaded as the request body installs or upgrades one
  function plugins() {
    api('GET', '/api/admin/plugins').then(function (data) {
      var table = el('table', { id: 'plugins' });
      data.plugins.forEach(function (p) {
        table.appendChild(el('tr', { 'data-plugin': p.name }, [el('td', { text: p.name }), el('td', { text: p.version }),
          el('td', { text: p.state + (p.problem ? ': ' + p.problem : ''), 'class': p.problem ? 'problem' : null }),
          el('td', { text: p.modules.join(', ') }), el('td', {}, [
            el('button', { type: 'button', 'class': 'remove', text: t('plugins.remove'), onclick: function () {
              api('DELETE', '/api/admin/plugins/' + encodeURIComponent(p.name)).then(modules).catch(function () {});
            } })])]));
      });
      var file = el('input', { type: 'file', id: 'plugin-file', accept: '.kar' });
      var install = el('button', { type: 'button', id: 'plugin-install', text: t('plugins.install'), onclick: function () {
        if (!file.files.length) {
          return fail(t('plugins.choose'));
        }
        install.disabled = true;
        upload('/api/admin/plugins', file.files[0]).then(modules).catch(function () {}).then(function () {
          install.disabled = false;
        });
      } });
      var page = document.getElementById('modules').parentNode;
      page.appendChild(el('h2', { text: t('plugins.heading') }));
      page.appendChild(data.plugins.length ? table : el('p', { id: 'plugins-none', text: t('plugins.none') }));
      page.appendChild(el('p', {}, [el('label', { 'for': 'plugin-file', text: t('plugins.file') }), file, install]));
    }).catch(function () {});
  }

  function upload(path, file) {
    errorBox.hidden = true;
    return fetch(path, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store', body: file,
      headers: { 'Accept': 'application/json', 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': state.csrf }
    }).then(function (r) {
      return r.text().then(function (text) {
        var data = {};
        try { data = text ? JSON.parse(text) : {}; } catch (e) { data = {}; }
        if (r.status >= 400) {
          fail(data.message);
          throw new Error(data.error || String(r.status));
        }
        return data;
      });
    });
  }

  function route() {
    if (!state.user) {
      return login();
    }
    var hash = location.hash || '#/queue';
    var m = /^#\/report\/(\d{8})$/.exec(hash);
    if (m) {
      report(m[1]);
    } else if (hash === '#/audit') {
      audit();
    } else if (hash === '#/dashboard') {
      dashboard();
    } else if (hash === '#/modules') {
      modules();
    } else {
      queue({});
    }
  }

  document.addEventListener('keydown', function (e) {
    if (!state.user || e.ctrlKey || e.metaKey || e.altKey || /INPUT|SELECT|TEXTAREA/.test(document.activeElement.tagName)) {
      return;
    }
    if (e.key === 'n') {
      nextUnclassified();
      return;
    }
    if (!state.report || !/^#\/report\//.test(location.hash)) {
      return;
    }
    var n = Number(e.key);
    if (n >= 1 && n <= CLASSES.length) {
      classify(state.selected, CLASSES[n - 1]);
    } else if (e.key === 'j') {
      pick(Math.min(state.items.length - 1, state.selected + 1));
    } else if (e.key === 'k') {
      pick(Math.max(0, state.selected - 1));
    } else if (e.key === 'r') {
      removal(state.selected, !state.items[state.selected].removedAt);
    }
  });

  document.getElementById('signout').addEventListener('click', function () {
    api('DELETE', '/api/admin/session').then(signedOut).catch(signedOut);
  });
  window.addEventListener('hashchange', route);

  fetch('/api/admin/session', { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
    return r.status === 200 ? r.json().then(signedIn) : login();
  }).catch(login);
}());
