// The pictures of the workbench. Data comes from the page's JSON twin (data-api), never from
// script written into the page; every label is given to the libraries as text.
"use strict";

function timeline(el) {
  fetch(el.dataset.api).then((r) => r.json()).then((person) => {
    const items = person.tenures.map((t, i) => ({
      id: i,
      content: t.post + (t.org ? " (" + t.org + ")" : "") + " " + t.from + " → " + t.until,
      start: t.from,
      end: t.until > t.from ? t.until : undefined,
      type: t.until > t.from ? "range" : "point",
      title: (t.start || "seen " + t.from) + " – " + (t.end || "seen " + t.until),
    }));
    const data = new vis.DataSet(items);
    // vis-timeline renders `content` strings as HTML unless told otherwise: make them text
    data.forEach((item) => {
      const span = document.createElement("span");
      span.textContent = item.content;
      data.update({ id: item.id, content: span });
    });
    new vis.Timeline(el, data, { stack: true, xss: { disabled: false } });
    el.dataset.ready = String(items.length);
  });
}

function graph(el) {
  fetch(el.dataset.api).then((r) => r.json()).then((net) => {
    const nodes = new Map();
    const edges = [];
    net.ties.forEach((t, i) => {
      [t.person, t.other].forEach((n) => nodes.set(n, { data: { id: n, label: n } }));
      edges.push({ data: { id: "e" + i, source: t.person, target: t.other, label: t.kind } });
    });
    cytoscape({
      container: el,
      elements: [...nodes.values(), ...edges],
      layout: { name: "cose" },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10 } },
        { selector: "edge", style: { label: "data(label)", "font-size": 8, width: 1 } },
      ],
    });
    el.dataset.ready = String(edges.length);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const t = document.getElementById("timeline");
  if (t && window.vis) timeline(t);
  const g = document.getElementById("graph");
  if (g && window.cytoscape) graph(g);
});
