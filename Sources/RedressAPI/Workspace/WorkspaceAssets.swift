/// The workspace's style sheet and its one script, served from the node
/// itself (`/static/…`) so that the Content-Security-Policy can forbid
/// every inline script and style and every other origin.
///
/// The script is progressive enhancement only (keyboard, live countdowns,
/// the help overlay): every step works with scripts off.
enum WorkspaceAssets {
    static let css = #"""
    :root{--ink:#1d2430;--muted:#5b6575;--line:#d5dae1;--accent:#1f5fbf;--late:#b3261e;--soft:#f3f5f8;--note:#fff8e1;--comm:#e8f1ff}
    *{box-sizing:border-box}
    body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:#fff}
    a{color:var(--accent)}
    .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.4rem;z-index:9}
    .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
    header.top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding:.5rem 1rem;border-bottom:1px solid var(--line);background:var(--soft)}
    header.top nav a{margin-right:1rem;text-decoration:none;font-weight:500}
    header.top nav a[aria-current]{text-decoration:underline}
    .brand{font-weight:700}
    .who{color:var(--muted);font-size:.9rem}
    form.inline{display:inline}
    button{font:inherit;padding:.35rem .9rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:4px;cursor:pointer}
    button.link{background:none;border:none;color:var(--accent);padding:0 .3rem;text-decoration:underline}
    main{padding:1rem;max-width:80rem;margin:0 auto}
    h1{font-size:1.4rem;margin:.3rem 0 1rem}
    h2{font-size:1.1rem;margin:1.2rem 0 .5rem}
    .notice{background:#e7f6ec;border-left:4px solid #2e7d32;padding:.5rem .8rem}
    .warning{background:#fff4e5;border-left:4px solid #e65100;padding:.5rem .8rem}
    .error{color:var(--late);margin:.2rem 0}
    [aria-invalid=true]{border-color:var(--late)}
    .queues{display:flex;flex-wrap:wrap;gap:.4rem;margin-bottom:.8rem}
    .queues a{padding:.3rem .7rem;border:1px solid var(--line);border-radius:999px;text-decoration:none}
    .queues a[aria-current]{background:var(--accent);color:#fff;border-color:var(--accent)}
    .count{font-weight:700;margin-left:.2rem}
    .filters,.record{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end;margin-bottom:1rem}
    .field{display:flex;flex-direction:column;min-width:10rem}
    .field.wide{flex-basis:100%}
    .field.actions{flex-direction:row;align-items:center;gap:.8rem;min-width:0}
    .field label,.step label{font-size:.85rem;color:var(--muted)}
    input,select,textarea{font:inherit;padding:.35rem;border:1px solid var(--line);border-radius:4px;max-width:100%}
    textarea{width:100%}
    label.check{display:block;color:var(--ink);font-size:.95rem;margin:.3rem 0}
    .bulk-actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;border:1px solid var(--line);padding:.5rem;margin:0 0 .6rem}
    table{border-collapse:collapse;width:100%}
    th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
    thead th{font-size:.85rem;color:var(--muted)}
    tr.selected{outline:2px solid var(--accent)}
    tr.overdue td:last-child,.late{color:var(--late);font-weight:600}
    .badge,.tag{display:inline-block;font-size:.8rem;padding:0 .4rem;border-radius:3px;background:var(--soft);border:1px solid var(--line)}
    .summary{color:var(--muted)}
    .pages a{margin-right:1rem}
    .columns{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem}
    dl.fields{display:grid;grid-template-columns:9rem 1fr;gap:.25rem .8rem;margin:0}
    dl.fields dt{color:var(--muted)}
    dl.fields dd{margin:0}
    .description{white-space:pre-wrap}
    .step{border:1px solid var(--line);border-radius:6px;padding:.5rem .7rem;margin-bottom:.6rem;background:var(--soft)}
    .step fieldset{border:0;margin:0;padding:0}
    .step legend{font-weight:600}
    .step label{display:block;margin-top:.4rem}
    .timeline ol{list-style:none;padding:0}
    .entry{border-left:4px solid var(--line);padding:.3rem .8rem;margin-bottom:.5rem}
    .entry.note{background:var(--note);border-color:#f9a825}
    .entry.communication{background:var(--comm);border-color:var(--accent)}
    .entry.hold,.entry.resume{border-color:#6a1b9a}
    .on-hold{color:#6a1b9a}
    .money{display:flex;gap:.4em}
    .entry .meta{font-size:.85rem;color:var(--muted);margin:0}
    .entry .text{white-space:pre-wrap;margin:.2rem 0}
    .keys{position:fixed;right:1rem;bottom:1rem;background:#fff;border:1px solid var(--line);box-shadow:0 2px 12px rgba(0,0,0,.15);padding:1rem;max-width:24rem}
    .keys dl{display:grid;grid-template-columns:6rem 1fr;gap:.2rem .6rem}
    .keys dd{margin:0}
    @media (max-width:48rem){
      .columns{grid-template-columns:1fr}
      table.inbox thead,table.accounts thead{display:none}
      table.inbox tr,table.accounts tr{display:block;border:1px solid var(--line);border-radius:6px;margin-bottom:.6rem;padding:.3rem}
      table.inbox td,table.accounts td{display:block;border:0;padding:.15rem .3rem}
      table.inbox td[data-label]::before,table.accounts td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85rem}
      .field{min-width:100%}
      dl.fields{grid-template-columns:1fr}
    }
    """#

    static let script = #"""
    "use strict";
    (function () {
      // Time left / overdue by, as the server words it, kept current while the page is open.
      function words(ms) {
        var minutes = Math.floor(Math.abs(ms) / 60000), days = Math.floor(minutes / 1440), hours = Math.floor(minutes % 1440 / 60);
        var text = days > 0 ? days + " d " + hours + " h" : hours > 0 ? hours + " h " + (minutes % 60) + " min" : (minutes % 60) + " min";
        return ms < 0 ? "overdue by " + text : text + " left";
      }
      function tick() {
        var now = Date.now();
        document.querySelectorAll("[data-due]").forEach(function (element) {
          var left = Number(element.getAttribute("data-due")) - now;
          element.textContent = words(left);
          element.classList.toggle("late", left < 0);
        });
      }
      setInterval(tick, 30000);

      // A reply template fills the note's text (unless something else was typed) and marks it a communication.
      var template = document.getElementById("template"), noteText = document.getElementById("text"), filled = "";
      if (template && noteText) {
        template.addEventListener("change", function () {
          var option = template.options[template.selectedIndex], text = option.getAttribute("data-text") || "";
          if (noteText.value === "" || noteText.value === filled) { noteText.value = text; filled = text; }
          var box = document.querySelector("#step-note input[name=communication]");
          if (box && text) box.checked = true;
        });
      }

      var help = document.getElementById("keys"), helpButton = document.getElementById("keys-button");
      function toggleHelp() { help.hidden = !help.hidden; }
      if (helpButton) { helpButton.hidden = false; helpButton.addEventListener("click", toggleHelp); }

      var rows = Array.prototype.slice.call(document.querySelectorAll("table.inbox tbody tr"));
      var current = -1, pendingG = false;
      function select(index) {
        if (rows.length === 0) return;
        if (current >= 0) rows[current].classList.remove("selected");
        current = Math.max(0, Math.min(rows.length - 1, index));
        rows[current].classList.add("selected");
        var link = rows[current].querySelector("a.open");
        if (link) link.focus();
      }
      function press(selector) {
        var button = document.querySelector(selector);
        if (button) { button.focus(); button.click(); return true; }
        return false;
      }
      document.addEventListener("keydown", function (event) {
        var target = event.target, tag = target.tagName;
        if (event.key === "Escape") { if (!help.hidden) help.hidden = true; else if (target.blur) target.blur(); return; }
        if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || event.ctrlKey || event.metaKey || event.altKey) return;
        var handled = true;
        if (pendingG) { pendingG = false; if (event.key === "i") { location.href = "/"; } return; }
        switch (event.key) {
          case "?": toggleHelp(); break;
          case "j": select(current + 1); break;
          case "k": select(current - 1); break;
          case "o": case "Enter":
            if (current >= 0) { location.href = rows[current].getAttribute("data-href"); } else { handled = false; }
            break;
          case "x":
            if (current >= 0) { var box = rows[current].querySelector("input[type=checkbox]"); box.checked = !box.checked; }
            break;
          case "/": var search = document.getElementById("q"); if (search) search.focus(); else handled = false; break;
          case "n": location.href = "/complaints/new"; break;
          case "g": pendingG = true; break;
          case "a": handled = press("#step-acknowledge button[type=submit]"); break;
          case "e": handled = press("#step-escalate button[type=submit]"); break;
          case "c": var text = document.getElementById("text"); if (text) text.focus(); else handled = false; break;
          default: handled = false;
        }
        if (handled) event.preventDefault();
      });
    })();
    """#
}

import Hummingbird
import HTTPTypes
import NIOCore

extension WorkspaceAssets {
    /// `/static/workspace.css` and `/static/workspace.js`, open to anyone (the sign-in page uses neither).
    static func routes(_ router: Router<NodeRequestContext>) {
        router.get("/static/workspace.css") { _, _ in asset(css, type: "text/css; charset=utf-8") }
        router.get("/static/workspace.js") { _, _ in asset(script, type: "text/javascript; charset=utf-8") }
        // Browsers ask for it on every site; an empty answer keeps their consoles and the logs quiet.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
    }

    private static func asset(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
