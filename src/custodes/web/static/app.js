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

// The institutional map: bodies coloured by kind, capture risk filled red, missing oversight
// ringed orange (the page's legend says so); edges point from the ruling body to the ruled one.
function institutions(el) {
  fetch(el.dataset.api).then((r) => r.json()).then((map) => {
    const nodes = map.graph.nodes.map((n) => ({
      data: { id: n.id, label: n.id },
      classes: [
        n.security ? "security" : n.elected ? "elected" : "body",
        n.capture_risk ? "capture" : "",
        n.no_oversight ? "no-oversight" : "",
      ].join(" "),
    }));
    const edges = map.graph.edges.map((e, i) => ({
      data: { id: "e" + i, source: e.source, target: e.target, label: e.kind },
      classes: e.kind.replace(/[^a-z]+/g, "-"),
    }));
    const cy = cytoscape({
      container: el,
      elements: [...nodes, ...edges],
      // a hierarchy: who rules at the top, what is ruled below it
      layout: { name: "breadthfirst", directed: true, spacingFactor: 1.1, padding: 30 },
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)", "font-size": 10, "text-wrap": "wrap", "text-max-width": 140,
            "background-color": "#aaa", width: 30, height: 30,
          },
        },
        { selector: "node.security", style: { "background-color": "#4a6fa5" } },
        { selector: "node.elected", style: { "background-color": "#5a9f48" } },
        { selector: "node.capture", style: { "background-color": "#d62728" } },
        {
          selector: "node.no-oversight",
          style: { "border-width": 4, "border-style": "dashed", "border-color": "#ff7f0e" },
        },
        {
          selector: "edge",
          style: {
            label: "data(label)", "font-size": 7, width: 1, "curve-style": "bezier",
            "target-arrow-shape": "triangle", "line-color": "#999", "target-arrow-color": "#999",
          },
        },
        { selector: "edge.oversees", style: { "line-style": "dashed", "line-color": "#5a9f48" } },
        { selector: "edge.has-part", style: { "line-color": "#ccc", "target-arrow-shape": "none" } },
      ],
    });
    cy.zoom(Math.min(cy.zoom(), 1.3)); // a small map is not blown up to fill the box
    cy.center();
    el.dataset.ready = String(nodes.length);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const t = document.getElementById("timeline");
  if (t && window.vis) timeline(t);
  const g = document.getElementById("graph");
  if (g && window.cytoscape) graph(g);
  const m = document.getElementById("institutions");
  if (m && window.cytoscape) institutions(m);
});
