// The web chat panel: talks to /api/chat/sessions; no third-party script, works with keyboard and screen readers.
(function () {
  'use strict';
  var root = document.getElementById('chat');
  if (!root || !window.fetch) { return; }
  var log = document.getElementById('log');
  var choices = document.getElementById('choices');
  var form = document.getElementById('say');
  var input = document.getElementById('text');
  var status = document.getElementById('chat-status');
  var session = null;
  var busy = false;
  form.hidden = false;

  function add(text, who) {
    var p = document.createElement('p');
    p.className = who;
    p.textContent = text;
    log.appendChild(p);
    log.scrollTop = log.scrollHeight;
  }

  function offer(list) {
    choices.textContent = '';
    (list || []).forEach(function (c) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = c.label;
      b.setAttribute('data-choice', c.id);
      b.addEventListener('click', function () { send({ choice: c.id }, c.label); });
      choices.appendChild(b);
    });
    var first = choices.querySelector('button');
    (first || input).focus();
  }

  function answered(messages) {
    var last = null;
    messages.forEach(function (m) { add(m.text, 'bot'); last = m; });
    offer(last && last.choices);
  }

  function failed(body) {
    add(body && body.message ? body.message : root.getAttribute('data-error'), 'bot error');
    offer([]);
  }

  function post(url, body) {
    busy = true;
    status.textContent = root.getAttribute('data-typing');
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, json: j }; }); })
      .then(function (r) {
        busy = false;
        status.textContent = '';
        if (!r.ok) { failed(r.json); return null; }
        return r.json;
      }, function () { busy = false; status.textContent = ''; failed(null); return null; });
  }

  function send(body, shown) {
    if (busy || !session) { return; }
    add(shown, 'me');
    choices.textContent = '';
    post('/api/chat/sessions/' + encodeURIComponent(session) + '/messages', body).then(function (j) {
      if (j) { answered(j.messages || []); }
    });
  }

  function typed() {
    var text = input.value.trim();
    if (!text || busy) { return; }
    input.value = '';
    send({ text: text }, text);
  }
  form.addEventListener('submit', function (e) { e.preventDefault(); typed(); });
  // Enter sends, Shift+Enter starts a new line (a pasted chat export keeps its lines)
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); typed(); }
  });

  post('/api/chat/sessions', { language: root.getAttribute('data-lang') }).then(function (j) {
    if (j) { session = j.sessionId; answered(j.messages || []); }
  });
})();
