// notice-lint serve: send the draft, show the report's view of it, list the findings, download.
"use strict";
(function () {
  const labels = JSON.parse(document.getElementById("labels").textContent);
  const lang = document.body.dataset.lang === "en" ? "en" : "zh";
  const maxUpload = Number(document.body.dataset.maxUpload);
  const $ = (id) => document.getElementById(id);
  const say = (key, value) => labels[key].replace("{}", value);
  const SEVERITIES = ["error", "warning", "info"];
  let chosen = null;   // the file to send (chosen or dropped)
  let sent = null;     // the form of the draft shown, sent again for a download

  function choose(file) {
    chosen = file || null;
    $("chosen").textContent = chosen ? chosen.name : "";
  }

  function showMessage(text) {
    $("message").textContent = text;
    $("message").hidden = !text;
  }

  function form() {
    const data = new FormData();
    if (chosen) {
      data.append("file", chosen, chosen.name);
    } else {
      data.append("text", $("text").value);
    }
    return data;
  }

  async function post(path, data) {
    return fetch(path + "?lang=" + lang, { method: "POST", body: data });
  }

  async function errorOf(response) {
    try {
      return (await response.json()).error || response.statusText;
    } catch (e) {
      return response.status + " " + response.statusText;
    }
  }

  async function check(event) {
    event.preventDefault();
    showMessage("");
    if (!chosen && !$("text").value.trim()) {
      showMessage(labels.no_input);
      return;
    }
    if (chosen && chosen.size > maxUpload) {
      showMessage(say("too_large", (maxUpload / 1048576).toPrecision(3).replace(/\.?0+$/, "")));
      return;
    }
    const data = form();
    $("status").textContent = labels.checking;
    $("check").disabled = true;
    try {
      const response = await post("/check", data);
      if (!response.ok) {
        $("result").hidden = true;
        showMessage(await errorOf(response));
        return;
      }
      sent = data;
      show(await response.json());
    } catch (e) {
      showMessage(say("failed", e.message));
    } finally {
      $("status").textContent = "";
      $("check").disabled = false;
    }
  }

  function show(checked) {
    $("result").hidden = false;
    $("profile").textContent = checked.profile;
    const findings = checked.report.findings;
    const counts = { error: 0, warning: 0, info: 0 };
    findings.forEach((f) => { counts[f.severity] += 1; });
    $("totals").textContent = labels.totals.replace("{n}", findings.length)
      .replace("{error}", counts.error).replace("{warning}", counts.warning)
      .replace("{info}", counts.info);
    const frame = $("view");
    frame.onload = () => fit(frame);
    frame.srcdoc = checked.view;
    list(findings, frame);
    $("download-docx").hidden = !checked.docx;
    $("download-fixed").hidden = !checked.fixable;
    $("download-fixed").textContent = say("download_fixed", checked.fixable);
    $("downloaded").textContent = "";
    $("result").scrollIntoView();
  }

  function fit(frame) {
    const doc = frame.contentDocument;
    if (doc && doc.documentElement) {
      frame.style.height = doc.documentElement.scrollHeight + 20 + "px";
    }
  }

  function list(findings, frame) {
    const box = $("list");
    box.replaceChildren();
    if (!findings.length) {
      const none = document.createElement("p");
      none.textContent = labels.none;
      box.append(none);
      return;
    }
    for (const severity of SEVERITIES) {
      const group = findings.filter((f) => f.severity === severity);
      if (!group.length) continue;
      const title = document.createElement("h3");
      const badge = document.createElement("span");
      badge.className = "sev " + severity;
      badge.textContent = labels[severity];
      title.append(badge, " " + group.length);
      const items = document.createElement("ol");
      items.className = "findings " + severity;
      for (const f of group) {
        const item = document.createElement("li");
        const where = document.createElement("span");
        where.className = "where";
        // a Word draft's place as Word counts it (paragraphs), a text draft's by its line
        where.textContent = f.place ? say("paragraph", f.place.paragraph) : say("line", f.line);
        const rule = document.createElement("span");
        rule.className = "rule";
        rule.textContent = " " + f.rule;
        item.append(where, " ", f.message, rule);   // text nodes: a message is never markup
        item.dataset.line = f.line;
        item.addEventListener("click", () => reveal(frame, f));
        items.append(item);
      }
      box.append(title, items);
    }
  }

  function reveal(frame, finding) {
    const doc = frame.contentDocument;
    if (!doc) return;
    const rows = doc.querySelectorAll(".row");
    // the report names a single draft's lines f1-L1, f1-L2 …
    const row = doc.getElementById("f1-L" + finding.line) || rows[finding.line - 1];
    if (!row) return;
    const top = frame.getBoundingClientRect().top + window.scrollY + row.offsetTop;
    window.scrollTo({ top: Math.max(top - 80, 0), behavior: "smooth" });
    row.style.outline = "2px solid #37c";
    setTimeout(() => { row.style.outline = ""; }, 1500);
  }

  async function download(path) {
    if (!sent) return;
    showMessage("");
    const response = await post(path, sent);
    if (!response.ok) {
      showMessage(await errorOf(response));
      return;
    }
    const disposition = response.headers.get("content-disposition") || "";
    const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
    const name = match ? decodeURIComponent(match[1]) : "notice-lint";
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    $("downloaded").textContent = say("downloaded", name);
  }

  $("file").addEventListener("change", (e) => choose(e.target.files[0]));
  $("text").addEventListener("input", () => { if ($("text").value) choose(null); });
  const drop = $("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    if (e.dataTransfer.files.length) choose(e.dataTransfer.files[0]);
  });
  $("form").addEventListener("submit", check);
  $("download-docx").addEventListener("click", () => download("/download/commented"));
  $("download-fixed").addEventListener("click", () => download("/download/fixed"));
})();
