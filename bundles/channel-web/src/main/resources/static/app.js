/*
 * Lapor Predator: progressive enhancement of the report form. Without this file the form posts
 * to /report and works the same. Sends the report as JSON to /api/reports and shows the
 * reference without leaving the page.
 */
(function () {
  'use strict';

  var form = document.getElementById('report-form');
  if (!form || !window.fetch || !window.JSON || !('content' in document.createElement('template'))) {
    return;
  }
  var errorBox = document.getElementById('form-error');
  var button = document.getElementById('send');
  var buttonText = button ? button.textContent : '';

  function value(id) {
    var el = document.getElementById(id);
    return el ? el.value : '';
  }

  function trimmed(id) {
    return value(id).replace(/^\s+|\s+$/g, '');
  }

  function showError(text) {
    errorBox.textContent = text || form.getAttribute('data-network-error');
    errorBox.hidden = false;
    errorBox.focus();
  }

  function busy(on) {
    if (!button) {
      return;
    }
    button.disabled = on;
    button.textContent = on ? form.getAttribute('data-sending') : buttonText;
  }

  /** The contact fields joined like the server does (" / "), or null. */
  function contact(anonymous) {
    if (anonymous) {
      return null;
    }
    var parts = [trimmed('contactName'), trimmed('contactEmailPhone')].filter(function (p) { return p !== ''; });
    return parts.length ? parts.join(' / ') : null;
  }

  function showThanks(reference) {
    var template = document.getElementById('thanks-template');
    var content = template.content.cloneNode(true);
    content.querySelector('#reference').textContent = reference;
    content.querySelector('#status-link').setAttribute('href', '/status?ref=' + encodeURIComponent(reference));
    var section = form.parentNode;
    var heading = document.getElementById('form-heading');
    if (heading) {
      heading.parentNode.removeChild(heading);
    }
    section.replaceChild(content, form);
    section.setAttribute('aria-labelledby', 'thanks-heading');
    var thanksHeading = document.getElementById('thanks-heading');
    if (thanksHeading) {
      thanksHeading.focus();
    }
  }

  // A chat export can be loaded from a file as well as pasted; .zip exports (they may carry media) are refused.
  var chatFile = document.getElementById('chatFile');
  if (chatFile && window.FileReader) {
    chatFile.hidden = false;
    chatFile.addEventListener('change', function () {
      var file = chatFile.files && chatFile.files[0];
      if (!file) {
        return;
      }
      var head = new FileReader();
      head.onload = function () {
        var bytes = new Uint8Array(head.result);
        var zip = /\.zip$/i.test(file.name) || (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b
            && bytes[2] === 3 && bytes[3] === 4);
        if (zip) {
          chatFile.value = '';
          showError(form.getAttribute('data-zip-error'));
          return;
        }
        var text = new FileReader();
        text.onload = function () {
          document.getElementById('chatExport').value = text.result;
          errorBox.hidden = true;
        };
        text.readAsText(file, 'utf-8');
      };
      head.readAsArrayBuffer(file.slice(0, 4));
    });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var anonymous = document.getElementById('anonymous').checked;
    var report = {
      platform: value('platform') || null,
      urls: value('urls'),
      category: value('category'),
      description: value('description') || null,
      anonymous: anonymous,
      contact: contact(anonymous),
      language: value('lang') || 'ms',
      chatExport: value('chatExport') || null
    };
    errorBox.hidden = true;
    busy(true);
    var headers = { 'Content-Type': 'application/json; charset=utf-8', 'Accept': 'application/json' };
    var key = value('idempotencyKey');
    if (key) {
      // drawn when the page was shown: a double click or a resend after a lost answer gives one report
      headers['Idempotency-Key'] = '"' + key + '"';
    }
    fetch(form.getAttribute('data-api'), {
      method: 'POST',
      headers: headers,
      body: JSON.stringify(report),
      credentials: 'same-origin',
      cache: 'no-store'
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data || {} };
      });
    }).then(function (result) {
      if (result.status === 201 && result.data.reference) {
        showThanks(result.data.reference);
      } else {
        busy(false);
        showError(result.data.message);
      }
    }).catch(function () {
      busy(false);
      showError(null);
    });
  });
}());
