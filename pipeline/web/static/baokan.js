// baokan: tooltips, the sortable figure table, the claim box and the extract form.
// Text from the page or the server is only ever set with textContent, never as HTML.
"use strict";

(function () {
  const tip = document.getElementById("tip");

  function showTip(el) {
    tip.textContent = el.dataset.tip;
    tip.hidden = false;
    const box = el.getBoundingClientRect();
    const left = Math.min(box.left + window.scrollX, window.scrollX + window.innerWidth - 380);
    tip.style.left = Math.max(4, left) + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
  }

  function hideTip() {
    tip.hidden = true;
  }

  // The innermost highlighted item under the pointer or the keyboard focus.
  for (const type of ["mouseover", "focusin"]) {
    document.addEventListener(type, (event) => {
      const el = event.target.closest && event.target.closest("[data-tip]");
      if (el) showTip(el);
    });
  }
  for (const type of ["mouseout", "focusout"]) {
    document.addEventListener(type, (event) => {
      if (event.target.closest && event.target.closest("[data-tip]")) hideTip();
    });
  }

  function markAt(start, end) {
    return document.querySelector(
      `mark[data-kind="fig"][data-start="${start}"][data-end="${end}"]`
    );
  }

  function reveal(mark, cls) {
    if (!mark) return;
    mark.classList.add(cls);
    mark.scrollIntoView({ block: "center", behavior: "smooth" });
    mark.focus({ preventScroll: true });
  }

  // The figure table: sort by a column; a row leads to its figure on the page.
  const table = document.getElementById("figure-table");
  if (table) {
    table.querySelectorAll("th button").forEach((button) => {
      button.addEventListener("click", () => sortTable(table, button));
    });
    table.querySelector("tbody").addEventListener("click", (event) => {
      const row = event.target.closest("tr");
      if (!row) return;
      document.querySelectorAll("mark.flash").forEach((m) => m.classList.remove("flash"));
      reveal(markAt(row.dataset.start, row.dataset.end), "flash");
    });
  }

  function sortTable(table, button) {
    const col = Number(button.dataset.col);
    const ascending = button.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th button").forEach((b) => b.removeAttribute("aria-sort"));
    button.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const body = table.querySelector("tbody");
    const key = (row) => {
      const cell = row.children[col];
      return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent;
    };
    const rows = Array.from(body.rows);
    rows.sort((a, b) => {
      const x = key(a), y = key(b);
      const nx = parseFloat(x), ny = parseFloat(y);
      const order = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, "zh-CN");
      return ascending ? order : -order;
    });
    rows.forEach((row) => body.appendChild(row));
  }

  // The claim box: ask the server, show the verdicts, mark the evidence on the page.
  const claimForm = document.getElementById("claim-form");
  if (claimForm) claimForm.addEventListener("submit", checkClaim);

  async function checkClaim(event) {
    event.preventDefault();
    const out = document.getElementById("verdicts");
    const claim = claimForm.elements.claim.value.trim();
    if (!claim) return;
    out.textContent = "Checking…";
    document.querySelectorAll("mark.evidence").forEach((m) => m.classList.remove("evidence"));
    try {
      const response = await fetch(document.body.dataset.checkUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ claim: claim, page_id: document.body.dataset.pageId }),
      });
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || response.statusText);
      showVerdicts(out, data.verdicts);
    } catch (err) {
      out.textContent = "Could not check: " + err.message;
    }
  }

  function showVerdicts(out, verdicts) {
    out.textContent = "";
    if (!verdicts.length) {
      out.textContent = "No figure found in the claim.";
      return;
    }
    let first = null;
    for (const v of verdicts) {
      const box = document.createElement("div");
      box.className = "verdict " + v.verdict;
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = v.verdict.replace("_", " ");
      box.append(badge, " " + v.surface);
      const found = v.evidence;
      if (found && v.verdict !== "not_found") {
        const fig = found.figure;
        const link = document.createElement("a");
        link.textContent = "page says " + fig.surface;
        link.addEventListener("click", () => reveal(markAt(fig.start, fig.end), "evidence"));
        const sentence = document.createElement("p");
        sentence.className = "sentence";
        sentence.textContent = found.sentence;
        box.append(" — ", link);
        if (found.headline) box.append(" in 《" + found.headline + "》");
        box.append(sentence);
        const mark = markAt(fig.start, fig.end);
        if (mark) mark.classList.add("evidence");
        first = first || mark;
      }
      out.appendChild(box);
    }
    reveal(first, "evidence");
  }

  // The front page: send the text or the file, then open the annotated page.
  const extractForm = document.getElementById("extract-form");
  if (extractForm) extractForm.addEventListener("submit", extractPage);

  async function extractPage(event) {
    event.preventDefault();
    const status = document.getElementById("extract-status");
    const fields = extractForm.elements;
    const published = fields.published.value || null;
    let request;
    if (fields.file.files.length) {
      const form = new FormData();
      form.append("file", fields.file.files[0]);
      if (published) form.append("published", published);
      request = { method: "POST", body: form };
    } else {
      request = {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: fields.text.value, published: published }),
      };
    }
    status.textContent = "Reading the page…";
    try {
      const response = await fetch(document.body.dataset.extractUrl, request);
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || response.statusText);
      window.location.href = "/view/" + encodeURIComponent(data.page.id);
    } catch (err) {
      status.textContent = "Could not read the page: " + err.message;
    }
  }
})();
