package dev.stackscope.fleet;

import dev.stackscope.output.JsonRenderer;
import java.io.StringWriter;

/**
 * The fleet map as one self-contained HTML page ({@code fleet --html}): the map's JSON and a small
 * script that draws it as SVG, hosts as columns of boxes, components in request order within each;
 * hovering a component shows its details; selects filter by role and by host. No network access, no
 * external script or style: the page opens from a file anywhere.
 *
 * <p>Names come from snapshots (outside data): the JSON is embedded with {@code <}, {@code >} and
 * {@code &} escaped as JSON escapes, so no name can close the script element, and the script puts
 * names into the page only as text nodes, never as markup.
 */
public final class FleetPage {
  private FleetPage() {}

  /** The page. */
  public static String html(FleetMap map) {
    StringWriter json = new StringWriter();
    JsonRenderer.writeLine(map, json);
    String data =
        json.toString()
            .strip()
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
            .replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029");
    return TEMPLATE.replace("/*DATA*/null", data);
  }

  private static final String TEMPLATE =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
      <title>stackscope fleet</title>
      <style>
      body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
      header { padding: 8px 16px; background: #234; color: #fff; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
      header h1 { font-size: 16px; margin: 0; }
      header label { font-size: 13px; }
      #summary { font-size: 13px; opacity: .8; }
      #map { padding: 8px; overflow: auto; }
      .host rect.frame { fill: #fff; stroke: #8aa; stroke-dasharray: 4 3; }
      .host text.title { font-weight: bold; fill: #345; }
      .component rect { fill: #eef4fb; stroke: #58a; rx: 6; }
      .component.dim { opacity: .15; }
      .component text { font-size: 12px; }
      .component:hover rect { fill: #d7e7f8; }
      .edge { stroke: #678; fill: none; marker-end: url(#arrow); }
      .edge.cross { stroke: #c50; stroke-width: 2.5; }
      .edge.dashed { stroke-dasharray: 5 4; }
      .edge.dim { opacity: .1; }
      #tip { position: fixed; pointer-events: none; background: #fff; border: 1px solid #888; padding: 6px 8px; font-size: 12px; white-space: pre; display: none; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
      #external { padding: 0 16px 16px; font-size: 13px; }
      </style>
      </head>
      <body>
      <header>
        <h1>stackscope fleet</h1>
        <label>role <select id="role"><option value="">all roles</option></select></label>
        <label>host <select id="host"><option value="">all hosts</option></select></label>
        <span id="summary"></span>
      </header>
      <div id="map"></div>
      <div id="external"></div>
      <div id="tip"></div>
      <script>
      "use strict";
      const DATA = /*DATA*/null;
      const SVG = "http://www.w3.org/2000/svg";
      const ROLES = ["load-balancer","http-cache","web","app","cache","database","queue","worker","scheduler","other"];
      function el(name, attrs, text) {
        const e = document.createElementNS(SVG, name);
        for (const k in attrs) e.setAttribute(k, attrs[k]);
        if (text !== undefined) e.textContent = text;
        return e;
      }
      function option(select, value) {
        const o = document.createElement("option");
        o.value = value; o.textContent = value; select.appendChild(o);
      }
      const roleSelect = document.getElementById("role"), hostSelect = document.getElementById("host");
      const roles = ROLES.filter(r => DATA.components.some(c => c.role === r));
      roles.forEach(r => option(roleSelect, r));
      DATA.hosts.forEach(h => option(hostSelect, h.name));
      const cross = DATA.edges.filter(e => e.crossHost).length;
      document.getElementById("summary").textContent =
        DATA.hosts.length + " hosts, " + DATA.components.length + " components, " +
        DATA.edges.length + " edges (" + cross + " across hosts), " + DATA.external.length + " external endpoints";
      const W = 220, H = 54, GAP = 14, COL = 300, TOP = 40;
      const pos = {};
      function details(c) {
        const lines = [c.key, "role: " + c.role, "program: " + c.program, "host: " + c.host,
          "pids: " + c.pids.join(" "), "user: " + (c.user || "?"), "rule: " + c.rule + " (" + c.confidence + ")"];
        c.listeners.forEach(l => lines.push("listens " + (l.address.includes(":") ? "[" + l.address + "]" : l.address) + ":" + l.port + "  " + l.scope));
        DATA.edges.filter(e => e.from === c.key).forEach(e => lines.push("→ " + e.to + (e.path ? " unix:" + e.path : " :" + e.port) + " ×" + e.count));
        DATA.edges.filter(e => e.to === c.key).forEach(e => lines.push("← " + e.from + " ×" + e.count));
        return lines.join("\\n");
      }
      function draw() {
        const role = roleSelect.value, host = hostSelect.value;
        const map = document.getElementById("map");
        map.textContent = "";
        const hosts = DATA.hosts.filter(h => !host || h.name === host);
        let height = 0;
        const svg = el("svg", {id: "fleet"});
        const defs = el("defs", {});
        const marker = el("marker", {id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse"});
        marker.appendChild(el("path", {d: "M 0 0 L 10 5 L 0 10 z", fill: "#678"}));
        defs.appendChild(marker); svg.appendChild(defs);
        const edgeLayer = el("g", {}); svg.appendChild(edgeLayer);
        for (const k in pos) delete pos[k];
        hosts.forEach((h, i) => {
          const x = 10 + i * COL;
          const comps = DATA.components.filter(c => c.host === h.name)
            .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
          const g = el("g", {"class": "host", "data-host": h.name});
          const hh = TOP + comps.length * (H + GAP) + 10;
          height = Math.max(height, hh + 20);
          g.appendChild(el("rect", {"class": "frame", x: x, y: 10, width: W + 30, height: hh, rx: 8}));
          g.appendChild(el("text", {"class": "title", x: x + 12, y: 30}, h.name));
          comps.forEach((c, j) => {
            const y = TOP + 8 + j * (H + GAP);
            pos[c.key] = {x: x + 15, y: y};
            const cg = el("g", {"class": "component" + (role && c.role !== role ? " dim" : ""), "data-key": c.key, "data-role": c.role, "data-host": c.host});
            cg.appendChild(el("rect", {x: x + 15, y: y, width: W, height: H, rx: 6}));
            cg.appendChild(el("text", {x: x + 24, y: y + 20, "font-weight": "bold"}, c.key));
            cg.appendChild(el("text", {x: x + 24, y: y + 40}, c.role + (c.listeners.length ? "  :" + [...new Set(c.listeners.map(l => l.port))].join(" :") : "")));
            cg.addEventListener("mousemove", ev => { const t = document.getElementById("tip"); t.textContent = details(c); t.style.display = "block"; t.style.left = (ev.clientX + 12) + "px"; t.style.top = (ev.clientY + 12) + "px"; });
            cg.addEventListener("mouseleave", () => { document.getElementById("tip").style.display = "none"; });
            g.appendChild(cg);
          });
          svg.appendChild(g);
        });
        DATA.edges.forEach(e => {
          const a = pos[e.from], b = pos[e.to];
          if (!a || !b) return;
          const dim = role && !DATA.components.some(c => (c.key === e.from || c.key === e.to) && c.role === role);
          let x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
          if (b.x < a.x) { x1 = a.x; x2 = b.x + W; }
          if (b.x === a.x) { x1 = a.x + W; x2 = b.x + W; }
          const bend = b.x === a.x ? 40 : 0;
          const d = "M " + x1 + " " + y1 + " C " + (x1 + (x2 - x1) / 2 + bend) + " " + y1 + ", " + (x1 + (x2 - x1) / 2 + bend) + " " + y2 + ", " + x2 + " " + y2;
          const p = el("path", {d: d, "class": "edge" + (e.crossHost ? " cross" : "") + (e.kind === "client" ? "" : " dashed") + (dim ? " dim" : ""), "data-from": e.from, "data-to": e.to});
          p.appendChild(el("title", {}, e.from + " → " + e.to + (e.path ? " unix:" + e.path : " :" + e.port) + " ×" + e.count));
          edgeLayer.appendChild(p);
        });
        svg.setAttribute("width", Math.max(300, hosts.length * COL + 20));
        svg.setAttribute("height", height);
        map.appendChild(svg);
        const ext = document.getElementById("external");
        ext.textContent = "";
        const shown = DATA.external.filter(x => !host || x.components.some(k => k.endsWith("@" + host)));
        if (shown.length) {
          const h = document.createElement("h2"); h.textContent = "External endpoints"; h.style.fontSize = "14px"; ext.appendChild(h);
          const ul = document.createElement("ul"); ul.id = "external-list";
          shown.forEach(x => { const li = document.createElement("li");
            li.textContent = (x.direction === "out" ? "→ " : "← ") + (x.address.includes(":") ? "[" + x.address + "]" : x.address) + ":" + x.port + "  ×" + x.count + "  " + x.components.join(", ") + (x.ownerHost ? "  (" + x.ownerHost + ", no component listens)" : "");
            ul.appendChild(li); });
          ext.appendChild(ul);
        }
      }
      roleSelect.addEventListener("change", draw);
      hostSelect.addEventListener("change", draw);
      draw();
      </script>
      </body>
      </html>
      """;
}
