/**
 * The chat window's page, script and style, served by the agent itself (nothing external: the
 * machine may have no internet, and the page's Content-Security-Policy allows its own origin
 * only). Messages are rendered with textContent, never as HTML. Relative URLs everywhere: the page
 * lives under its secret path, and so do the messages it asks for.
 */

export const CHAT_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>IT support chat</title>
<link rel="stylesheet" href="app.css">
<script src="app.js" defer></script>
</head>
<body>
<main>
  <header>
    <h1>IT support chat</h1>
    <p id="status" role="status">Connecting…</p>
  </header>
  <ol id="messages" aria-live="polite" aria-label="Conversation"></ol>
  <p id="empty">Messages from your IT support appear here.</p>
  <form id="composer">
    <label for="text">Your answer</label>
    <textarea id="text" name="text" rows="3" maxlength="8192" required></textarea>
    <div class="row"><span id="error" role="alert"></span><button type="submit">Send</button></div>
  </form>
</main>
</body>
</html>
`;

export const CHAT_PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:#f8fafc}
main{max-width:640px;margin:0 auto;padding:16px;display:flex;flex-direction:column;min-height:100vh}
header{display:flex;align-items:baseline;justify-content:space-between;gap:8px;border-bottom:1px solid #e2e8f0;padding-bottom:8px}
h1{font-size:16px;margin:0}
#status{margin:0;font-size:12px;color:#64748b}
#messages{list-style:none;margin:12px 0;padding:0;display:flex;flex-direction:column;gap:8px;flex:1}
#messages li{max-width:85%;padding:8px 10px;border-radius:8px;white-space:pre-wrap;overflow-wrap:anywhere}
#messages li.technician{align-self:flex-start;background:#fff;border:1px solid #e2e8f0}
#messages li.you{align-self:flex-end;background:#e0f2fe;border:1px solid #bae6fd}
.meta{display:block;font-size:11px;color:#64748b;margin-bottom:2px}
#empty{color:#64748b;font-size:13px}
form{display:flex;flex-direction:column;gap:6px;border-top:1px solid #e2e8f0;padding-top:10px}
label{font-size:12px;font-weight:600;color:#334155}
textarea{width:100%;font:inherit;padding:8px;border:1px solid #cbd5e1;border-radius:6px;resize:vertical}
textarea:focus{outline:2px solid #0ea5e9;outline-offset:0;border-color:#0ea5e9}
.row{display:flex;align-items:center;justify-content:space-between;gap:8px}
#error{color:#b91c1c;font-size:12px}
button{font:inherit;font-weight:600;color:#fff;background:#0284c7;border:0;border-radius:6px;padding:6px 16px;cursor:pointer}
button:disabled{background:#94a3b8;cursor:default}
`;

export const CHAT_PAGE_JS = `"use strict";
(function () {
  var list = document.getElementById("messages");
  var empty = document.getElementById("empty");
  var statusLine = document.getElementById("status");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var errorLine = document.getElementById("error");
  var button = form.querySelector("button");
  var last = 0;
  var unseen = 0;

  function render(message) {
    var item = document.createElement("li");
    item.className = message.from;
    var meta = document.createElement("span");
    meta.className = "meta";
    var who = message.from === "you" ? "You" : message.user;
    meta.textContent = who + " · " + new Date(message.timestamp).toLocaleTimeString();
    item.appendChild(meta);
    item.appendChild(document.createTextNode(message.text));
    list.appendChild(item);
    empty.hidden = true;
    last = Math.max(last, message.id);
    if (message.from === "technician" && document.hidden) unseen += 1;
    document.title = unseen > 0 ? "(" + unseen + ") IT support chat" : "IT support chat";
    item.scrollIntoView({ block: "end" });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { unseen = 0; document.title = "IT support chat"; }
  });

  function poll() {
    fetch("messages?after=" + last, { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (messages) {
        statusLine.textContent = "Connected";
        messages.forEach(render);
        poll();
      })
      .catch(function () {
        statusLine.textContent = "Not connected to the agent; retrying…";
        setTimeout(poll, 2000);
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    button.disabled = true;
    errorLine.textContent = "";
    fetch("messages", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: text }) })
      .then(function (response) {
        if (!response.ok) {
          return response.json().then(function (body) { throw new Error(body.error || "Could not send"); }, function () { throw new Error("Could not send"); });
        }
        input.value = "";
      })
      .catch(function (error) { errorLine.textContent = error.message; })
      .then(function () { button.disabled = false; input.focus(); });
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });

  poll();
})();
`;
