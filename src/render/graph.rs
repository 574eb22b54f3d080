//! `crosscheck graph`: the claim graph as JSON or Graphviz DOT.

use crate::claim::ClaimId;
use crate::graph::EdgeKind;
use crate::report::Report;
use serde::Serialize;

#[derive(Serialize)]
struct Node<'a> {
    id: ClaimId,
    path: &'a str,
    line: usize,
    text: &'a str,
    value: String,
    measure: Option<&'a str>,
}

#[derive(Serialize)]
struct EdgeOut<'a> {
    from: ClaimId,
    to: ClaimId,
    kind: EdgeKind,
    rule: Option<&'a str>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    key: &'a crate::graph::QuantityKey,
    claims: Vec<ClaimId>,
    confidence: u8,
}

#[derive(Serialize)]
struct GraphOut<'a> {
    version: u32,
    nodes: Vec<Node<'a>>,
    edges: Vec<EdgeOut<'a>>,
    groups: Vec<GroupOut<'a>>,
}

/// Only claims that have a key take part in the graph.
fn keyed(r: &Report) -> Vec<usize> {
    let mut ids: Vec<usize> = r.graph.groups.iter().flat_map(|g| g.claims.iter().copied()).collect();
    ids.sort_unstable();
    ids
}

pub fn json(r: &Report) -> String {
    let id = |i: usize| r.claims[i].id;
    let out = GraphOut {
        version: 1,
        nodes: keyed(r)
            .into_iter()
            .map(|i| {
                let c = &r.claims[i];
                Node {
                    id: c.id,
                    path: &c.path,
                    line: c.line,
                    text: &c.text,
                    value: crate::rules::value_label(c),
                    measure: c.measure.as_deref(),
                }
            })
            .collect(),
        edges: r
            .graph
            .edges
            .iter()
            .map(|e| EdgeOut { from: id(e.a), to: id(e.b), kind: e.kind, rule: e.rule })
            .collect(),
        groups: r
            .graph
            .groups
            .iter()
            .map(|g| GroupOut {
                key: &g.key,
                claims: g.claims.iter().map(|&i| id(i)).collect(),
                confidence: g.confidence,
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}

fn dot_escape(s: &str) -> String {
    super::human::clean(s).replace('\\', "\\\\").replace('"', "\\\"")
}

pub fn dot(r: &Report) -> String {
    let mut s = String::from("graph claims {\n  node [shape=box];\n");
    for i in keyed(r) {
        let c = &r.claims[i];
        let label = format!(
            "{}: {} {}\\n{}:{}",
            c.id,
            crate::rules::value_label(c),
            c.measure.as_deref().unwrap_or(""),
            c.path,
            c.line
        );
        s.push_str(&format!("  {} [label=\"{}\"];\n", c.id, dot_escape(&label).replace("\\\\n", "\\n")));
    }
    for e in &r.graph.edges {
        let (style, label) = match e.kind {
            EdgeKind::Agrees => ("color=darkgreen", "agrees".to_string()),
            EdgeKind::Conflicts => ("color=red, penwidth=2", format!("conflicts {}", e.rule.unwrap_or(""))),
        };
        s.push_str(&format!("  {} -- {} [{style}, label=\"{}\"];\n", r.claims[e.a].id, r.claims[e.b].id, label.trim()));
    }
    s.push_str("}\n");
    s
}
