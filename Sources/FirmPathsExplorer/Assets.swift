/// The page and its assets, in the binary as string literals: no request reads a file, and the
/// page fetches nothing from any other host (no CDN; it works offline).
enum ExplorerAssets {
    static let files: [String: (type: String, text: String)] = [
        "explorer.js": ("text/javascript; charset=utf-8", script),
        "explorer.css": ("text/css; charset=utf-8", style),
    ]

    static let page = #"""
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>FirmPaths explorer</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/assets/explorer.css">
    <script src="/assets/explorer.js" defer></script>
    </head>
    <body>
    <header class="bar">
      <h1>FirmPaths explorer</h1>
      <label class="picker">Scenario <select id="scenario" aria-label="Scenario"></select></label>
      <span id="status" role="status" aria-live="polite">loading ...</span>
      <span class="actions">
        <button id="pin" type="button" title="Keep the current settings and figures as A, then move levers to see B beside A">Pin as A</button>
        <button id="unpin" type="button" hidden>Unpin A</button>
        <button id="reset" type="button" title="Back to the scenario's own values">Reset levers</button>
        <button id="projector" type="button" aria-pressed="false">Projector mode</button>
        <button id="print" type="button" title="Settings, charts and one story per path on A4">Print handout</button>
        <a id="reproduce" href="/api/scenario" download="scenario.json" title="The scenario of the current settings: firmpaths run on it gives the same figures">Download scenario</a>
      </span>
    </header>
    <div id="error" role="alert" hidden></div>
    <main>
      <aside id="levers" aria-label="Levers"></aside>
      <div id="results">
        <section id="summary" aria-label="Summary">
          <div class="figure-big"><span class="big" id="exporting-share">–</span><span>of living firms export in the last year</span></div>
          <div class="figure-big"><span class="big" id="ever-exported">–</span><span>of all firms ever exported</span></div>
          <div id="run-info"></div>
          <p id="reproduce-hint" class="hint"></p>
        </section>
        <section id="compare" hidden aria-label="Compare A and B">
          <h2>Compare: A (pinned) and B (current)</h2>
          <div class="side-by-side"><figure id="chart-a"></figure><figure id="chart-b"></figure></div>
          <table id="compare-table"><thead><tr><th>Path</th><th>A</th><th>B</th><th>B − A</th></tr></thead><tbody></tbody></table>
          <h3>Settings that differ</h3>
          <ul id="compare-settings"></ul>
        </section>
        <section id="paths" aria-label="Paths">
          <h2>Paths</h2>
          <p class="hint">Click a path for the story of its example firm, or ask for any firm:
            <label>firm <input id="firm-id" type="number" min="0" value="0"></label> <button id="tell" type="button">Tell its story</button></p>
          <div id="path-list"></div>
        </section>
        <section id="story" hidden aria-label="A firm's story">
          <h2 id="story-title"></h2>
          <div id="story-ladder"></div>
          <pre id="story-text"></pre>
        </section>
        <div id="charts" data-draws="0"></div>
        <section id="handout" class="print-only" aria-hidden="true">
          <h2>Settings</h2><ul id="handout-settings"></ul>
          <h2>One story per path</h2><div id="handout-stories"></div>
        </section>
      </div>
    </main>
    <footer class="bar small">FirmPaths explorer: every change re-runs the model on this computer; nothing leaves it.
      The same charts as <code>report.html</code>; the stories as <code>firmpaths explain</code> tells them.</footer>
    </body>
    </html>
    """#

    static let style = #"""
    :root { --fg: #1b1b1b; --bg: #ffffff; --muted: #555; --accent: #0b5cad; --panel: #f4f6f8; --line: #d0d5db; font-size: 15px; }
    * { box-sizing: border-box; }
    body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
    .bar { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: center; padding: .6rem 1rem; background: var(--panel); border-bottom: 1px solid var(--line); }
    footer.bar { border-top: 1px solid var(--line); border-bottom: 0; color: var(--muted); }
    h1 { font-size: 1.3rem; margin: 0; }
    h2 { font-size: 1.15rem; margin: 1rem 0 .4rem; }
    h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
    .actions { display: flex; flex-wrap: wrap; gap: .4rem; margin-left: auto; }
    button, .actions a, select { font: inherit; padding: .3rem .7rem; border: 1px solid var(--accent); border-radius: 4px; background: #fff; color: var(--accent); text-decoration: none; cursor: pointer; }
    button[aria-pressed="true"] { background: var(--accent); color: #fff; }
    #status { color: var(--muted); min-width: 12rem; }
    #scenario { max-width: min(32rem, 60vw); }
    #error { margin: .5rem 1rem; padding: .6rem .8rem; border: 2px solid #b00020; background: #fff0f0; color: #7a0014; white-space: pre-wrap; }
    main { display: grid; grid-template-columns: minmax(16rem, 22rem) 1fr; gap: 1rem; padding: 1rem; }
    aside fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .8rem; padding: .4rem .7rem .6rem; }
    aside legend { font-weight: 600; padding: 0 .3rem; }
    .lever { margin: .45rem 0; }
    .lever label { display: flex; justify-content: space-between; gap: .5rem; }
    .lever output { font-variant-numeric: tabular-nums; font-weight: 600; }
    .lever input[type=range] { width: 100%; }
    .lever .help { font-size: .8rem; color: var(--muted); margin: .1rem 0 0; }
    .lever.set label span::after { content: " •"; color: var(--accent); }
    .lever.unavailable { opacity: .5; }
    #summary { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: baseline; }
    .figure-big { display: flex; flex-direction: column; }
    .big { font-size: 2.2rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    .hint, #run-info { color: var(--muted); font-size: .9rem; }
    #path-list { display: flex; flex-wrap: wrap; gap: .4rem; }
    #path-list button { display: flex; gap: .4rem; align-items: center; }
    .swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; }
    #charts section { margin-bottom: 1rem; }
    #charts figure, .side-by-side figure { margin: .3rem 0 .8rem; }
    #charts .figures { display: flex; flex-wrap: wrap; gap: 1rem; }
    figure svg { max-width: 100%; height: auto; }
    figcaption { font-size: .85rem; color: var(--muted); max-width: 46rem; }
    figure.clickable { cursor: pointer; }
    .chart-notes { font-size: .8rem; color: var(--muted); max-width: 46rem; }
    .chart-notes ul { margin: .2rem 0; padding-left: 1.2rem; }
    .side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
    table { border-collapse: collapse; }
    th, td { border-bottom: 1px solid var(--line); padding: .2rem .6rem; text-align: right; font-variant-numeric: tabular-nums; }
    th:first-child, td:first-child { text-align: left; }
    td.up { color: #0a6b2d; } td.down { color: #a0001a; }
    #story pre { white-space: pre-wrap; background: var(--panel); padding: .6rem; border-radius: 4px; max-height: 28rem; overflow: auto; font-size: .85rem; }
    .print-only { display: none; }
    /* Projector mode: large type, high contrast, thick lines. */
    body.projector { --fg: #000; --muted: #111; --accent: #003f8a; --line: #000; font-size: 22px; }
    body.projector main { grid-template-columns: minmax(20rem, 28rem) 1fr; }
    body.projector figcaption { font-size: 1rem; }
    body.projector .lever .help { font-size: .9rem; }
    body.projector figure svg { width: 100%; }
    body.projector svg text { font-size: 15px; }
    body.projector svg path, body.projector svg line { stroke-width: 2.5px; }
    @media (max-width: 900px) { main { grid-template-columns: 1fr; } .side-by-side { grid-template-columns: 1fr; } }
    /* The handout: settings, charts and one story per path, on A4. */
    @page { size: A4; margin: 11mm 11mm; }
    @media print {
      /* Page 1: the run, its paths and every chart, three to a row; page 2: the settings and
         one story per path (the brief, as explain --brief tells it), in three columns. */
      :root { font-size: 9pt; }
      .bar .actions, .picker, #status, aside, #paths .hint, #tell, #firm-id, #story, #compare, footer,
        #charts .hint, #reproduce-hint, #error, .chart-notes { display: none !important; }
      header.bar { padding: 0; border: none; }
      header.bar h1 { font-size: 13pt; margin: 0; }
      main { display: block; padding: 0; }
      #summary { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; align-items: baseline; margin: 0; }
      #summary .figure-big { flex-direction: row; align-items: baseline; gap: .4rem; }
      #summary .figure-big .big { font-size: 13pt; }
      #run-info { font-size: 7.5pt; }
      #paths h2, #charts h2, #handout h2 { font-size: 10pt; margin: .35rem 0 .15rem; }
      #path-list { display: flex; flex-wrap: wrap; gap: .1rem .9rem; }
      #path-list button { border: none; padding: 0; background: none; color: inherit; font-size: 7.5pt; }
      /* Every chart in one grid of three columns: the sections' headings give way to the captions. */
      #charts { display: grid; grid-template-columns: repeat(3, 1fr); gap: .2rem .7rem; }
      #charts section, #charts .figures { display: contents; }
      #charts h2 { display: none; }
      #charts figure { margin: 0; }
      #charts figure, #handout-stories article { break-inside: avoid; }
      figure svg { display: block; width: 100%; height: auto; max-height: 3.3cm; }
      figcaption { font-size: 6.5pt; line-height: 1.2; max-width: none; }
      .print-only { display: block; }
      #handout { break-before: page; }
      #handout-settings { columns: 3; column-gap: 1rem; font-size: 7pt; margin: 0 0 .3rem; padding-left: 1rem; }
      #handout-stories { columns: 3; column-gap: .9rem; font-size: 6.6pt; line-height: 1.18; }
      #handout-stories h3 { font-size: 7.5pt; margin: .3rem 0 .1rem; }
      #handout-stories p { margin: 0 0 .2rem; }
      a { color: inherit; text-decoration: none; }
    }
    """#

    static let script = #"""
    "use strict";
    (() => {
      const $ = (id) => document.getElementById(id);
      const clientId = "page-" + Math.random().toString(36).slice(2) + Date.now().toString(36);
      const state = { catalog: null, scenario: null, levers: {}, result: null, pinned: null, controller: null, draws: 0, timer: null };

      function pct(x) { return (100 * x).toFixed(1) + " %"; }
      function scenarioInfo(name) { return state.catalog.scenarios.find((s) => s.name === name); }
      function leverInfo(id) { return state.catalog.levers.find((l) => l.id === id); }
      function settings() { return { scenario: state.scenario, levers: Object.assign({}, state.levers) }; }
      function query(s, firm) {
        let q = "scenario=" + encodeURIComponent(s.scenario) + "&levers=" + encodeURIComponent(JSON.stringify(s.levers));
        if (firm !== undefined) q += "&firm=" + firm;
        return q;
      }
      function show(text) {
        $("error").hidden = !text;
        $("error").textContent = text || "";
      }
      function valueText(lever, value) {
        if (value === undefined || value === null) return "–";
        if (lever.kind === "toggle") return value ? "on" : "off";
        if (lever.id === "environment.crisisYear") return value < 0 ? "none" : "year " + value;
        if (lever.kind === "whole") return String(value);
        return Number(value).toFixed(2);
      }
      function shownValue(id) {
        if (id in state.levers) return state.levers[id];
        const info = scenarioInfo(state.scenario);
        return info ? info.values[id] : undefined;
      }

      function buildLevers() {
        const aside = $("levers");
        aside.textContent = "";
        const groups = {};
        for (const lever of state.catalog.levers) {
          if (!groups[lever.group]) {
            const fieldset = document.createElement("fieldset");
            const legend = document.createElement("legend");
            legend.textContent = lever.group;
            fieldset.appendChild(legend);
            aside.appendChild(fieldset);
            groups[lever.group] = fieldset;
          }
          const box = document.createElement("div");
          box.className = "lever";
          box.dataset.lever = lever.id;
          const label = document.createElement("label");
          const name = document.createElement("span");
          name.textContent = lever.label;
          const output = document.createElement("output");
          label.appendChild(name);
          label.appendChild(output);
          const input = document.createElement("input");
          input.id = "lever-" + lever.id.replace(/[^A-Za-z0-9]/g, "-");
          input.name = lever.id;
          input.setAttribute("aria-label", lever.label);
          if (lever.kind === "toggle") {
            input.type = "checkbox";
          } else if (lever.id === "seed") {
            input.type = "number";
            input.min = 0;
            input.step = 1;
          } else {
            input.type = "range";
            input.min = lever.min;
            input.max = lever.max;
            input.step = lever.step;
          }
          label.htmlFor = input.id;
          const help = document.createElement("p");
          help.className = "help";
          help.textContent = lever.help;
          box.appendChild(label);
          box.appendChild(input);
          box.appendChild(help);
          groups[lever.group].appendChild(box);
          const read = () => {
            if (lever.kind === "toggle") return input.checked;
            const v = Number(input.value);
            return lever.kind === "whole" ? Math.round(v) : v;
          };
          input.addEventListener("input", () => {
            state.levers[lever.id] = read();
            output.textContent = valueText(lever, state.levers[lever.id]);
            box.classList.add("set");
            schedule();
          });
          input.addEventListener("change", () => {
            state.levers[lever.id] = read();
            schedule(0);
          });
        }
        syncLevers();
      }

      function syncLevers() {
        const info = scenarioInfo(state.scenario);
        for (const box of document.querySelectorAll(".lever")) {
          const lever = leverInfo(box.dataset.lever);
          const input = box.querySelector("input");
          const output = box.querySelector("output");
          const value = shownValue(lever.id);
          box.classList.toggle("set", lever.id in state.levers);
          box.classList.toggle("unavailable", value === undefined);
          input.disabled = value === undefined;
          if (lever.id === "environment.crisisYear" && info) input.max = info.years - 1;
          if (lever.id === "population.firms") input.max = Math.min(lever.max, state.catalog.maxFirms);
          if (lever.kind === "toggle") input.checked = !!value;
          else if (value !== undefined) input.value = value;
          output.textContent = valueText(lever, value);
        }
      }

      function schedule(delay) {
        clearTimeout(state.timer);
        state.timer = setTimeout(run, delay === undefined ? 120 : delay);
      }

      async function run() {
        if (state.controller) state.controller.abort();
        const controller = new AbortController();
        state.controller = controller;
        const s = settings();
        $("status").textContent = "running ...";
        $("reproduce").href = "/api/scenario?" + query(s);
        $("reproduce").download = state.scenario + "-explore.json";
        let response, body;
        try {
          response = await fetch("/api/run", { method: "POST", body: JSON.stringify(s), signal: controller.signal,
                                               headers: { "Content-Type": "application/json", "X-Client-Id": clientId } });
          // 204: superseded by a newer request of this page, which draws instead.
          if (response.status === 204) return;
          body = await response.json();
        } catch (e) {
          if (e.name === "AbortError") return;
          $("status").textContent = "";
          show("The explorer did not answer: " + e.message + " (is firmpaths explore still running?)");
          return;
        }
        if (controller !== state.controller) return;
        state.controller = null;
        if (!response.ok) {
          $("status").textContent = "not run";
          show(body.error || ("error " + response.status));
          return;
        }
        show("");
        state.result = { settings: s, data: body };
        draw(body);
        $("status").textContent = "ran " + body.firms + " firms × " + body.years + " years in " + body.seconds.toFixed(3) + " s";
      }

      function draw(data) {
        $("exporting-share").textContent = pct(data.exportingShare);
        $("ever-exported").textContent = pct(data.everExportedShare);
        $("run-info").textContent = "Scenario " + data.scenario + ", " + data.firms + " firms, " + data.years + " years, seed " + data.seed
          + (data.overrides.length ? "; settings: " + data.overrides.join(", ") : "; the scenario's own settings");
        $("reproduce-hint").textContent = "Reproduce: download the scenario, then  firmpaths run " + data.scenario + "-explore.json";
        const list = $("path-list");
        list.textContent = "";
        for (const p of data.paths) {
          const button = document.createElement("button");
          button.type = "button";
          button.className = "path";
          button.dataset.path = p.name;
          const swatch = document.createElement("span");
          swatch.className = "swatch";
          swatch.style.background = p.color;
          button.appendChild(swatch);
          button.appendChild(document.createTextNode(p.label + ": " + p.count + " (" + pct(p.share) + ")"
            + (p.example !== null ? " · firm " + p.example : "")));
          button.disabled = p.example === null;
          if (p.example !== null) button.addEventListener("click", () => story(p.example));
          list.appendChild(button);
        }
        const charts = $("charts");
        charts.textContent = "";
        for (const section of data.sections) {
          const box = document.createElement("section");
          const h = document.createElement("h2");
          h.textContent = section.heading;
          box.appendChild(h);
          for (const note of section.notes) {
            const p = document.createElement("p");
            p.className = "hint";
            p.textContent = note;
            box.appendChild(p);
          }
          const figures = document.createElement("div");
          figures.className = "figures";
          for (const f of section.figures) {
            const figure = document.createElement("figure");
            figure.innerHTML = f.svg;
            const caption = document.createElement("figcaption");
            caption.textContent = f.caption;
            figure.appendChild(caption);
            if (f.notes && f.notes.length > 0) {
              const details = document.createElement("details");
              details.className = "chart-notes";
              const summary = document.createElement("summary");
              summary.textContent = "Events on this chart (" + f.notes.length + ")";
              details.appendChild(summary);
              const list = document.createElement("ul");
              for (const note of f.notes) {
                const item = document.createElement("li");
                item.textContent = note;
                list.appendChild(item);
              }
              details.appendChild(list);
              details.addEventListener("click", (event) => event.stopPropagation());
              figure.appendChild(details);
            }
            const m = /^Firm (\d+),/.exec(f.caption);
            if (m) {
              figure.classList.add("clickable");
              figure.title = "Click for this firm's story";
              figure.dataset.firm = m[1];
              figure.addEventListener("click", () => story(Number(m[1])));
            }
            figures.appendChild(figure);
          }
          box.appendChild(figures);
          charts.appendChild(box);
        }
        state.draws += 1;
        charts.dataset.draws = String(state.draws);
        drawCompare();
        drawHandoutSettings();
      }

      function drawCompare() {
        const box = $("compare");
        if (!state.pinned || !state.result) { box.hidden = true; return; }
        box.hidden = false;
        const a = state.pinned, b = state.result;
        $("chart-a").innerHTML = a.data.sections[0].figures[0].svg + "<figcaption>A (pinned)</figcaption>";
        $("chart-b").innerHTML = b.data.sections[0].figures[0].svg + "<figcaption>B (current)</figcaption>";
        const body = $("compare-table").querySelector("tbody");
        body.textContent = "";
        const rows = a.data.paths.map((p, i) => [p.label, p.share, b.data.paths[i].share]);
        rows.push(["exporting (last year)", a.data.exportingShare, b.data.exportingShare]);
        for (const [label, x, y] of rows) {
          const tr = document.createElement("tr");
          const d = (y - x) * 100;
          for (const [text, cls] of [[label, ""], [pct(x), ""], [pct(y), ""], [(d >= 0 ? "+" : "") + d.toFixed(1) + " pp", d > 0.05 ? "up" : d < -0.05 ? "down" : ""]]) {
            const td = document.createElement("td");
            td.textContent = text;
            if (cls) td.className = cls;
            tr.appendChild(td);
          }
          body.appendChild(tr);
        }
        const list = $("compare-settings");
        list.textContent = "";
        const differences = [];
        if (a.settings.scenario !== b.settings.scenario) differences.push("Scenario: A " + a.settings.scenario + ", B " + b.settings.scenario);
        const ids = new Set(Object.keys(a.settings.levers).concat(Object.keys(b.settings.levers)));
        for (const id of ids) {
          const lever = leverInfo(id);
          const va = id in a.settings.levers ? a.settings.levers[id] : scenarioInfo(a.settings.scenario).values[id];
          const vb = id in b.settings.levers ? b.settings.levers[id] : scenarioInfo(b.settings.scenario).values[id];
          if (JSON.stringify(va) !== JSON.stringify(vb)) differences.push(lever.label + ": A " + valueText(lever, va) + ", B " + valueText(lever, vb));
        }
        if (!differences.length) differences.push("none: A and B have the same settings");
        for (const text of differences) {
          const li = document.createElement("li");
          li.textContent = text;
          list.appendChild(li);
        }
      }

      function drawHandoutSettings() {
        const list = $("handout-settings");
        list.textContent = "";
        const items = ["Scenario: " + state.scenario + " (" + (scenarioInfo(state.scenario).description || "") + ")"];
        for (const lever of state.catalog.levers) {
          const value = shownValue(lever.id);
          if (value === undefined) continue;
          items.push(lever.label + ": " + valueText(lever, value) + (lever.id in state.levers ? " (set)" : ""));
        }
        for (const text of items) {
          const li = document.createElement("li");
          li.textContent = text;
          list.appendChild(li);
        }
      }

      async function fetchStory(firm) {
        const response = await fetch("/api/story?" + query(settings(), firm), { headers: { "X-Client-Id": clientId + "-story" } });
        const body = await response.json();
        if (!response.ok) throw new Error(body.error || ("error " + response.status));
        return body;
      }

      async function story(firm) {
        try {
          const s = await fetchStory(firm);
          $("story").hidden = false;
          $("story-title").textContent = "Firm " + s.firm + ": " + s.label + " (rule " + s.rule + ")";
          $("story-ladder").innerHTML = s.ladder || "<p class=\"hint\">This firm never entered a foreign market, so it has no ladder.</p>";
          $("story-text").textContent = s.lines.join("\n");
          $("firm-id").value = s.firm;
          $("story").scrollIntoView({ block: "nearest" });
          show("");
        } catch (e) {
          show(e.message);
        }
      }

      async function printHandout() {
        const box = $("handout-stories");
        box.textContent = "";
        if (state.result) {
          for (const p of state.result.data.paths) {
            if (p.example === null) continue;
            try {
              const s = await fetchStory(p.example);
              const article = document.createElement("article");
              const h = document.createElement("h3");
              h.textContent = p.label + ": firm " + s.firm;
              article.appendChild(h);
              // The brief (explain --brief): a paragraph or two per firm, so that the settings,
              // the charts and one story per path fit on two A4 pages.
              for (const paragraph of s.brief) {
                const para = document.createElement("p");
                para.textContent = paragraph;
                article.appendChild(para);
              }
              box.appendChild(article);
            } catch (e) { show(e.message); }
          }
        }
        window.print();
      }

      async function start() {
        try {
          const response = await fetch("/api/scenarios");
          state.catalog = await response.json();
        } catch (e) {
          show("Cannot load the scenarios: " + e.message);
          return;
        }
        const select = $("scenario");
        for (const s of state.catalog.scenarios) {
          const option = document.createElement("option");
          option.value = s.name;
          option.textContent = s.name + (s.description ? " – " + s.description : "");
          select.appendChild(option);
        }
        state.scenario = state.catalog.default;
        select.value = state.scenario;
        select.addEventListener("change", () => {
          state.scenario = select.value;
          state.levers = {};
          syncLevers();
          schedule(0);
        });
        buildLevers();
        $("reset").addEventListener("click", () => { state.levers = {}; syncLevers(); schedule(0); });
        $("pin").addEventListener("click", () => {
          if (!state.result) return;
          state.pinned = state.result;
          $("unpin").hidden = false;
          $("pin").textContent = "Pin again as A";
          drawCompare();
        });
        $("unpin").addEventListener("click", () => {
          state.pinned = null;
          $("unpin").hidden = true;
          $("pin").textContent = "Pin as A";
          drawCompare();
        });
        $("projector").addEventListener("click", () => {
          const on = document.body.classList.toggle("projector");
          $("projector").setAttribute("aria-pressed", String(on));
        });
        $("print").addEventListener("click", printHandout);
        $("tell").addEventListener("click", () => story(Number($("firm-id").value)));
        run();
      }

      document.addEventListener("DOMContentLoaded", start);
    })();
    """#
}
