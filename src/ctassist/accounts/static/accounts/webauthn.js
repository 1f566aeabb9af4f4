// Security keys and passkeys (WebAuthn): the browser's part of registering a key and of using one.
// No inline script (the Content-Security-Policy allows the site's own files only); attached by data
// attributes. A form[data-webauthn="create"|"get"] names the URL that gives the ceremony's options
// (data-webauthn-options, POST, JSON, the challenge kept by the server); a button with
// data-webauthn-go inside it starts the ceremony; the answer goes, as JSON with base64url fields,
// into the form's hidden "credential" field, and the form is sent. Messages come translated from the
// page (data-webauthn-waiting, -cancelled, -failed). Where the browser has no WebAuthn, elements
// marked data-webauthn-supported stay hidden and those marked data-webauthn-unsupported are shown:
// the authenticator app and the recovery codes remain.
(function () {
  "use strict";

  function supported() {
    return !!(window.PublicKeyCredential && navigator.credentials && navigator.credentials.create &&
      window.fetch && window.JSON && window.Uint8Array);
  }

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var binary = window.atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function toText(buffer) {
    if (!buffer) { return null; }
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return window.btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      var copy = { type: item.type, id: toBytes(item.id) };
      if (item.transports) { copy.transports = item.transports; }
      return copy;
    });
  }

  // The server's options (JSON, base64url) as the browser wants them (ArrayBuffers).
  function creationOptions(options) {
    options.challenge = toBytes(options.challenge);
    options.user.id = toBytes(options.user.id);
    options.excludeCredentials = descriptors(options.excludeCredentials);
    return options;
  }

  function requestOptions(options) {
    options.challenge = toBytes(options.challenge);
    options.allowCredentials = descriptors(options.allowCredentials);
    return options;
  }

  function extensions(credential) {
    try { return credential.getClientExtensionResults ? credential.getClientExtensionResults() : {}; } catch (e) { return {}; }
  }

  // The browser's answer as JSON (what the server's webauthn package reads): the response's binary
  // fields named in "fields" in base64url, and a new key's transports.
  var CREATED = ["clientDataJSON", "attestationObject"];
  var ASSERTED = ["clientDataJSON", "authenticatorData", "signature", "userHandle"];

  function answerJSON(credential, fields) {
    var response = {};
    fields.forEach(function (name) { response[name] = toText(credential.response[name]); });
    if (credential.response.getTransports) { response.transports = credential.response.getTransports(); }
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: response,
      clientExtensionResults: extensions(credential),
      authenticatorAttachment: credential.authenticatorAttachment || undefined
    };
  }

  function say(form, text, isError) {
    var box = form.querySelector("[data-webauthn-status]");
    if (!box) { return; }
    box.textContent = text;
    box.hidden = !text;
    box.className = isError ? "notice error" : "notice";
    box.setAttribute("role", isError ? "alert" : "status");
  }

  function fetchOptions(form) {
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    return fetch(form.getAttribute("data-webauthn-options"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          var error = new Error(body.detail || form.getAttribute("data-webauthn-failed"));
          error.fromServer = true;
          throw error;
        }
        return body;
      });
    });
  }

  function ceremony(form, button) {
    var field = form.querySelector("input[name=credential]");
    var creating = form.getAttribute("data-webauthn") === "create";
    button.disabled = true;
    say(form, form.getAttribute("data-webauthn-waiting"), false);
    fetchOptions(form)
      .then(function (options) {
        if (creating) {
          return navigator.credentials.create({ publicKey: creationOptions(options) })
            .then(function (credential) { return answerJSON(credential, CREATED); });
        }
        return navigator.credentials.get({ publicKey: requestOptions(options) })
          .then(function (credential) { return answerJSON(credential, ASSERTED); });
      })
      .then(function (answer) {
        field.value = JSON.stringify(answer);
        var code = form.querySelector("input[name=code]");
        if (code) { code.value = ""; }  // the key's answer is the proof
        form.submit();
      })
      .catch(function (error) {
        button.disabled = false;
        var text;
        if (error && error.fromServer) {
          text = error.message;
        } else if (error && (error.name === "NotAllowedError" || error.name === "AbortError")) {
          text = form.getAttribute("data-webauthn-cancelled");
        } else if (error && error.name === "InvalidStateError") {
          text = form.getAttribute("data-webauthn-registered") || form.getAttribute("data-webauthn-failed");
        } else {
          text = form.getAttribute("data-webauthn-failed");
        }
        say(form, text, true);
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var ok = supported();
    Array.prototype.forEach.call(document.querySelectorAll("[data-webauthn-supported]"), function (el) { el.hidden = !ok; });
    Array.prototype.forEach.call(document.querySelectorAll("[data-webauthn-unsupported]"), function (el) { el.hidden = ok; });
    if (!ok) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("form[data-webauthn] [data-webauthn-go]"), function (button) {
      button.addEventListener("click", function (event) {
        var form = button.form;
        event.preventDefault();
        if (form.getAttribute("data-webauthn") === "create" && !form.reportValidity()) { return; }
        ceremony(form, button);
      });
    });
  });
})();
