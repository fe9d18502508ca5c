// zhen check HTML report: filters, jumps, dismissals and baseline export.
// Document text reaches the page only through textContent and escaped markup; never innerHTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("zhen-data").textContent);
  var F = data.findings;
  var $ = function (id) { return document.getElementById(id); };
  var el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  var visible = new Array(F.length);
  var chosen = F.map(function (f) { return f.dismissed; });
  var ruleBoxes = {};

  // Counts by rule, one checkbox each.
  var byRule = {};
  var files = {};
  var nDismissed = 0;
  F.forEach(function (f) {
    byRule[f.rule] = (byRule[f.rule] || 0) + (f.dismissed ? 0 : 1);
    files[f.path] = true;
    if (f.dismissed) nDismissed++;
  });
  Object.keys(byRule).sort().forEach(function (rule) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = rule;
    box.setAttribute("data-rule", rule);
    box.addEventListener("change", apply);
    ruleBoxes[rule] = box;
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + rule + " (" + byRule[rule] + ")"));
    if (data.rules[rule]) label.title = data.rules[rule];
    $("f-rules").appendChild(label);
  });
  Object.keys(files).sort().forEach(function (p) {
    var o = el("option", p);
    o.value = p;
    $("f-file").appendChild(o);
  });
  $("n-dismissed").textContent = String(nDismissed);
  var active = F.length - nDismissed;
  $("summary").textContent = active + " finding" + (active === 1 ? "" : "s") + " in " + data.files +
    " file" + (data.files === 1 ? "" : "s") + (nDismissed ? " (" + nDismissed + " dismissed by the baseline)" : "");
  if (data.fix) {
    $("fixcmd").appendChild(document.createTextNode("Safe fixes (marked \u2713): "));
    $("fixcmd").appendChild(el("code", data.fix));
  }

  // The findings table.
  var tbody = document.querySelector("#findings tbody");
  var rows = F.map(function (f, i) {
    var tr = el("tr", null, f.dismissed ? "dis" : "");
    tr.setAttribute("data-i", i);
    tr.setAttribute("data-rule", f.rule);
    var td = el("td");
    var box = el("input");
    box.type = "checkbox";
    box.checked = chosen[i];
    box.title = f.reason ? "dismissed: " + f.reason : "dismiss (goes into the exported baseline)";
    box.addEventListener("click", function (ev) { ev.stopPropagation(); });
    box.addEventListener("change", function () { chosen[i] = box.checked; });
    td.appendChild(box);
    tr.appendChild(td);
    tr.appendChild(el("td", f.severity, "sev sev-" + f.severity));
    tr.appendChild(el("td", f.rule));
    tr.appendChild(el("td", f.path + ":" + f.line + ":" + f.column));
    tr.appendChild(el("td", f.text, "text"));
    tr.appendChild(el("td", f.message + (f.reason ? " [dismissed: " + f.reason + "]" : "")));
    tr.appendChild(el("td", f.suggestion === null ? "" : f.suggestion + (f.fix ? " \u2713" : "")));
    tr.addEventListener("click", function () { jump(i); });
    tbody.appendChild(tr);
    return tr;
  });

  function jump(i) {
    var f = F[i];
    var target = (f.loc && $(f.loc)) || null;
    if (!target) return;
    var mark = target.nextElementSibling && target.nextElementSibling.tagName === "MARK" ? target.nextElementSibling : target;
    target.scrollIntoView({ block: "center" });
    mark.classList.remove("flash");
    void mark.offsetWidth;
    mark.classList.add("flash");
    if (f.src && $(f.src) && $(f.src).nextElementSibling) {
      var s = $(f.src).nextElementSibling;
      s.classList.remove("flash");
      void s.offsetWidth;
      s.classList.add("flash");
    }
  }

  var marks = Array.prototype.map.call(document.querySelectorAll("mark[data-f], mark[data-s]"), function (m) {
    var refs = ((m.getAttribute("data-f") || "") + " " + (m.getAttribute("data-s") || "")).trim().split(/\s+/).map(Number);
    return { el: m, refs: refs };
  });

  function apply() {
    var sev = $("f-sev").value;
    var file = $("f-file").value;
    var showDis = $("f-dismissed").checked;
    F.forEach(function (f, i) {
      var box = ruleBoxes[f.rule];
      visible[i] = (!box || box.checked) && (!sev || f.severity === sev) && (!file || f.path === file) &&
        (showDis || !f.dismissed);
      rows[i].classList.toggle("hidden", !visible[i]);
    });
    marks.forEach(function (m) {
      var on = false;
      var onlyDismissed = true;
      for (var k = 0; k < m.refs.length; k++) {
        if (visible[m.refs[k]]) { on = true; if (!F[m.refs[k]].dismissed) onlyDismissed = false; }
      }
      m.el.classList.toggle("off", !on);
      m.el.classList.toggle("dis", on && onlyDismissed);
    });
  }

  // Export the reviewed set: every ticked finding, with its reason, as a baseline file.
  $("export").addEventListener("click", function () {
    var reason = $("reason").value.trim();
    var entries = [];
    F.forEach(function (f, i) {
      if (!chosen[i]) return;
      var e = {};
      Object.keys(f.entry).forEach(function (k) { e[k] = f.entry[k]; });
      if (!f.dismissed && reason) e.reason = reason;
      entries.push(e);
    });
    entries.sort(function (a, b) { return a.path < b.path ? -1 : a.path > b.path ? 1 : 0; });
    var text = JSON.stringify({ "zhen-baseline": 1, "entries": entries }, null, 1) + "\n";
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var a = el("a");
    a.href = url;
    a.download = data.baseline;
    a.id = "export-link";
    a.setAttribute("data-json", text);
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 60000);
  });

  ["f-sev", "f-file", "f-dismissed"].forEach(function (id) { $(id).addEventListener("change", apply); });
  apply();
  document.body.setAttribute("data-ready", "1");
})();
