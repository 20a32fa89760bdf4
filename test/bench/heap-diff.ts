/**
 * Diagnostic: compares two V8 heap snapshots (see heap-snapshots.ts). Prints, by constructor
 * (node type + name), the count, self size and retained size (dominator tree, weak edges
 * ignored) in each snapshot and the difference, largest growth first; then the biggest single
 * objects by retained size in the second snapshot that grew, with a retainer path.
 * `npx tsx test/bench/heap-diff.ts early.heapsnapshot end.heapsnapshot [top]`
 */
import { readFileSync } from 'node:fs';

type Snap = {
  n: number;
  types: string[];
  nodeType: Uint8Array;
  nodeName: Uint32Array;
  nodeId: Uint32Array;
  selfSize: Float64Array;
  firstEdge: Uint32Array;
  edgeType: Uint8Array;
  edgeName: Uint32Array;
  edgeTo: Uint32Array;
  edgeTypes: string[];
  strings: string[];
  retained: Float64Array;
  dom: Int32Array;
  /** One retainer per node (the first non-weak one found), for paths. */
  retainer: Int32Array;
  retainerEdge: Int32Array;
};

function load(file: string): Snap {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const meta = json.snapshot.meta;
  const nf: string[] = meta.node_fields;
  const ef: string[] = meta.edge_fields;
  const NF = nf.length;
  const EF = ef.length;
  const nodes: number[] = json.nodes;
  const edges: number[] = json.edges;
  const n = nodes.length / NF;
  const types: string[] = meta.node_types[0];
  const edgeTypes: string[] = meta.edge_types[0];
  const iType = nf.indexOf('type');
  const iName = nf.indexOf('name');
  const iId = nf.indexOf('id');
  const iSelf = nf.indexOf('self_size');
  const iEc = nf.indexOf('edge_count');
  const eType = ef.indexOf('type');
  const eName = ef.indexOf('name_or_index');
  const eTo = ef.indexOf('to_node');
  const nodeType = new Uint8Array(n);
  const nodeName = new Uint32Array(n);
  const nodeId = new Uint32Array(n);
  const selfSize = new Float64Array(n);
  const firstEdge = new Uint32Array(n + 1);
  const m = edges.length / EF;
  const edgeType = new Uint8Array(m);
  const edgeName = new Uint32Array(m);
  const edgeTo = new Uint32Array(m);
  let e = 0;
  for (let i = 0; i < n; i++) {
    nodeType[i] = nodes[i * NF + iType];
    nodeName[i] = nodes[i * NF + iName];
    nodeId[i] = nodes[i * NF + iId];
    selfSize[i] = nodes[i * NF + iSelf];
    firstEdge[i] = e;
    e += nodes[i * NF + iEc];
  }
  firstEdge[n] = e;
  for (let j = 0; j < m; j++) {
    edgeType[j] = edges[j * EF + eType];
    edgeName[j] = edges[j * EF + eName];
    edgeTo[j] = edges[j * EF + eTo] / NF;
  }
  const weak = edgeTypes.indexOf('weak');
  const shortcut = edgeTypes.indexOf('shortcut');
  // Post-order DFS from root 0 over non-weak edges.
  const order = new Int32Array(n).fill(-1);
  const post: number[] = [];
  const retainer = new Int32Array(n).fill(-1);
  const retainerEdge = new Int32Array(n).fill(-1);
  const stack: number[] = [0];
  const edgePos = new Uint32Array(n);
  const visited = new Uint8Array(n);
  visited[0] = 1;
  for (let i = 0; i < n; i++) edgePos[i] = firstEdge[i];
  while (stack.length) {
    const v = stack[stack.length - 1];
    if (edgePos[v] < firstEdge[v + 1]) {
      const j = edgePos[v]++;
      if (edgeType[j] === weak || (v === 0 && edgeType[j] === shortcut)) continue;
      const w = edgeTo[j];
      if (!visited[w]) {
        visited[w] = 1;
        retainer[w] = v;
        retainerEdge[w] = j;
        stack.push(w);
      }
    } else {
      stack.pop();
      order[v] = post.length;
      post.push(v);
    }
  }
  // Predecessors.
  const predCount = new Uint32Array(n + 1);
  for (let v = 0; v < n; v++) {
    if (!visited[v]) continue;
    for (let j = firstEdge[v]; j < firstEdge[v + 1]; j++) {
      if (edgeType[j] === weak || (v === 0 && edgeType[j] === shortcut)) continue;
      predCount[edgeTo[j] + 1]++;
    }
  }
  for (let i = 0; i < n; i++) predCount[i + 1] += predCount[i];
  const preds = new Uint32Array(predCount[n]);
  const fill = predCount.slice();
  for (let v = 0; v < n; v++) {
    if (!visited[v]) continue;
    for (let j = firstEdge[v]; j < firstEdge[v + 1]; j++) {
      if (edgeType[j] === weak || (v === 0 && edgeType[j] === shortcut)) continue;
      preds[fill[edgeTo[j]]++] = v;
    }
  }
  // Cooper–Harvey–Kennedy iterative dominators.
  const dom = new Int32Array(n).fill(-1);
  dom[0] = 0;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (order[a] < order[b]) a = dom[a];
      while (order[b] < order[a]) b = dom[b];
    }
    return a;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = post.length - 2; k >= 0; k--) {
      const v = post[k];
      let idom = -1;
      for (let p = predCount[v]; p < predCount[v + 1]; p++) {
        const u = preds[p];
        if (dom[u] === -1) continue;
        idom = idom === -1 ? u : intersect(u, idom);
      }
      if (idom !== -1 && dom[v] !== idom) {
        dom[v] = idom;
        changed = true;
      }
    }
  }
  const retained = Float64Array.from(selfSize);
  for (const v of post) if (v !== 0 && dom[v] >= 0) retained[dom[v]] += retained[v];
  return { n, types, nodeType, nodeName, nodeId, selfSize, firstEdge, edgeType, edgeName, edgeTo, edgeTypes, strings: json.strings, retained, dom, retainer, retainerEdge };
}

function className(s: Snap, i: number): string {
  const t = s.types[s.nodeType[i]];
  if (t === 'object' || t === 'closure' || t === 'native') return `${t}:${s.strings[s.nodeName[i]]}`.slice(0, 80);
  if (t === 'hidden' || t === 'code' || t === 'array') return `${t}:${s.strings[s.nodeName[i]]}`.slice(0, 60);
  return `(${t})`;
}

/** A stored run record: a plain object with `schema` and `steps` properties. */
function isRunRecord(s: Snap, i: number): boolean {
  if (className(s, i) !== 'object:Object') return false;
  let schema = false;
  let steps = false;
  for (let j = s.firstEdge[i]; j < s.firstEdge[i + 1]; j++) {
    const name = s.strings[s.edgeName[j]];
    if (name === 'schema') schema = true;
    if (name === 'steps') steps = true;
  }
  return schema && steps;
}

function edgeLabel(s: Snap, j: number): string {
  const t = s.edgeTypes[s.edgeType[j]];
  return t === 'element' || t === 'hidden' ? `[${s.edgeName[j]}]` : String(s.strings[s.edgeName[j]] ?? s.edgeName[j]);
}

function summary(s: Snap): Map<string, { count: number; self: number; retained: number }> {
  const out = new Map<string, { count: number; self: number; retained: number }>();
  // Retained per class counts only the outermost object of that class on its dominator chain.
  for (let i = 0; i < s.n; i++) {
    if (s.dom[i] === -1) continue;
    const c = className(s, i);
    const row = out.get(c) ?? { count: 0, self: 0, retained: 0 };
    row.count++;
    row.self += s.selfSize[i];
    let d = s.dom[i];
    let nested = false;
    while (d !== 0) {
      if (className(s, d) === c) {
        nested = true;
        break;
      }
      d = s.dom[d];
    }
    if (!nested) row.retained += s.retained[i];
    out.set(c, row);
  }
  return out;
}

function path(s: Snap, i: number, depth = 12): string {
  const parts: string[] = [];
  let v = i;
  for (let k = 0; k < depth && v > 0; k++) {
    const r = s.retainer[v];
    if (r < 0) break;
    parts.push(`${className(s, r)}.${edgeLabel(s, s.retainerEdge[v])}`);
    v = r;
  }
  return parts.reverse().join(' → ');
}

const [a, b, topText] = process.argv.slice(2);
const top = Number(topText ?? 40);
const A = load(a);
const B = load(b);
const kb = (v: number) => `${(v / 1024).toFixed(1)}`.padStart(9);
const sa = summary(A);
const sb = summary(B);
const rows = [...new Set([...sa.keys(), ...sb.keys()])].map((c) => {
  const x = sa.get(c) ?? { count: 0, self: 0, retained: 0 };
  const y = sb.get(c) ?? { count: 0, self: 0, retained: 0 };
  return { c, x, y, dSelf: y.self - x.self, dRet: y.retained - x.retained, dCount: y.count - x.count };
});
const total = (s: Snap) => s.retained[0];
console.log(`total retained: ${kb(total(A))} KB → ${kb(total(B))} KB (Δ ${kb(total(B) - total(A))} KB)`);
console.log('\nby self size growth (KB): class | count Δ | self early | self end | Δ self | retained early | retained end');
for (const r of [...rows].sort((p, q) => q.dSelf - p.dSelf).slice(0, top)) {
  console.log(`${r.c.padEnd(60)} ${String(r.dCount).padStart(7)} ${kb(r.x.self)} ${kb(r.y.self)} ${kb(r.dSelf)} ${kb(r.x.retained)} ${kb(r.y.retained)}`);
}
console.log('\nby retained growth (KB):');
for (const r of [...rows].sort((p, q) => q.dRet - p.dRet).slice(0, top)) {
  console.log(`${r.c.padEnd(60)} ${String(r.dCount).padStart(7)} ${kb(r.x.retained)} ${kb(r.y.retained)} ${kb(r.dRet)}`);
}
// Single objects in B with a big retained size, with their path.
const byId = new Map<number, number>();
for (let i = 0; i < A.n; i++) byId.set(A.nodeId[i], i);
const big: number[] = [];
for (let i = 1; i < B.n; i++) if (B.retained[i] > 100 * 1024 && B.types[B.nodeType[i]] !== 'synthetic') big.push(i);
big.sort((p, q) => B.retained[q] - B.retained[p]);
console.log('\nlargest objects at end (retained KB, then early retained of the same object id, if it existed):');
for (const i of big.slice(0, top)) {
  const ai = byId.get(B.nodeId[i]);
  console.log(`${kb(B.retained[i])} ${ai === undefined ? '      new' : kb(A.retained[ai])}  ${className(B, i)}  ←  ${path(B, i)}`);
}

// `INSPECT=<class substring>`: the biggest instance in the second snapshot, its edges by retained size, two levels down.
if (process.env.INSPECT) {
  const want = process.env.INSPECT;
  const hits: number[] = [];
  for (let i = 1; i < B.n; i++) if (className(B, i).includes(want)) hits.push(i);
  hits.sort((p, q) => B.retained[q] - B.retained[p]);
  const domKids = new Map<number, number[]>();
  for (let w = 1; w < B.n; w++) if (B.dom[w] >= 0) { const l = domKids.get(B.dom[w]) ?? []; l.push(w); domKids.set(B.dom[w], l); }
  const show = (v: number, depth: number, indent: string) => {
    const kids: [number, number][] = [];
    const direct = new Set<number>();
    for (let j = B.firstEdge[v]; j < B.firstEdge[v + 1]; j++) if (B.dom[B.edgeTo[j]] === v && !direct.has(B.edgeTo[j])) { direct.add(B.edgeTo[j]); kids.push([j, B.edgeTo[j]]); }
    // Dominated but not directly referenced: grouped by class.
    const other = new Map<string, { count: number; retained: number }>();
    for (const w of domKids.get(v) ?? []) {
      if (direct.has(w)) continue;
      const c = className(B, w);
      const o = other.get(c) ?? { count: 0, retained: 0 };
      o.count++;
      o.retained += B.retained[w];
      other.set(c, o);
    }
    for (const [c, o] of [...other].sort((p, q) => q[1].retained - p[1].retained).slice(0, 6)) if (o.retained >= 8192) console.log(`${indent}(indirect) ${o.count} × ${c} ${kb(o.retained)} KB`);
    kids.sort((p, q) => B.retained[q[1]] - B.retained[p[1]]);
    for (const [j, w] of kids.slice(0, Number(process.env.INSPECT_KIDS ?? 8))) {
      if (B.retained[w] < Number(process.env.INSPECT_MIN ?? 8192)) continue;
      console.log(`${indent}${edgeLabel(B, j)}: ${className(B, w)} ${kb(B.retained[w])} KB`);
      if (depth > 0) show(w, depth - 1, `${indent}  `);
    }
  };
  for (const i of hits.slice(0, Number(process.env.INSPECT_N ?? 1))) {
    console.log(`\n${className(B, i)} retained ${kb(B.retained[i])} KB; path: ${path(B, i, 30)}`);
    show(i, Number(process.env.INSPECT_DEPTH ?? 3), '  ');
  }
}

// `SAMPLE_OF=<class substring>`: one object dominated by the biggest such instance, with its fields and retainers.
if (process.env.SAMPLE_OF) {
  let best = -1;
  for (let i = 1; i < B.n; i++) if (className(B, i).includes(process.env.SAMPLE_OF) && (best < 0 || B.retained[i] > B.retained[best])) best = i;
  const dominated: number[] = [];
  for (let w = 1; w < B.n; w++) if (B.dom[w] === best && className(B, w) === 'object:Object') dominated.push(w);
  const w = dominated[Math.floor(dominated.length / 2)];
  console.log(`\nsample ${className(B, w)} retained ${kb(B.retained[w])} KB`);
  for (let j = B.firstEdge[w]; j < B.firstEdge[w + 1]; j++) console.log(`  .${edgeLabel(B, j)} (${B.edgeTypes[B.edgeType[j]]}) → ${className(B, B.edgeTo[j])} ${kb(B.retained[B.edgeTo[j]])}`);
  console.log('  retainers:');
  for (let v = 0; v < B.n; v++) for (let j = B.firstEdge[v]; j < B.firstEdge[v + 1]; j++) if (B.edgeTo[j] === w) console.log(`   ${className(B, v)} .${edgeLabel(B, j)} (${B.edgeTypes[B.edgeType[j]]})  ← ${path(B, v, 6)}`);
}

// `ARRAYS=1`: the JS arrays and maps in the second snapshot retaining the most, with their paths.
if (process.env.ARRAYS) {
  const list: number[] = [];
  for (let i = 1; i < B.n; i++) {
    const c = className(B, i);
    if ((c === 'object:Array' || c === 'object:Map' || c === 'object:Set' || c === 'object:WeakMap' || c === 'object:Object') && B.retained[i] > 150 * 1024) list.push(i);
  }
  list.sort((p, q) => B.retained[q] - B.retained[p]);
  for (const i of list.slice(0, 25)) {
    let len = 0;
    for (let j = B.firstEdge[i]; j < B.firstEdge[i + 1]; j++) if (B.edgeTypes[B.edgeType[j]] === 'element') len++;
    console.log(`${kb(B.retained[i])} KB ${className(B, i)} (${len} elements)  ← ${path(B, i, 8)}`);
  }
}

// `RECORDS=1`: stored run records (objects with `schema` and `steps`) in each snapshot and the bytes reachable only through them.
if (process.env.RECORDS) {
  for (const [label, S] of [['early', A], ['end', B]] as const) {
    const seen = new Uint8Array(S.n);
    let count = 0;
    let bytes = 0;
    const perField = new Map<string, number>();
    for (let i = 1; i < S.n; i++) {
      if (!isRunRecord(S, i)) continue;
      count++;
      bytes += S.selfSize[i];
      seen[i] = 1;
      for (let j = S.firstEdge[i]; j < S.firstEdge[i + 1]; j++) {
        const field = S.strings[S.edgeName[j]];
        const t = S.edgeTypes[S.edgeType[j]];
        if (t !== 'property' || field === '__proto__') continue;
        const stack = [S.edgeTo[j]];
        let sub = 0;
        while (stack.length) {
          const v = stack.pop()!;
          if (seen[v]) continue;
          const c = className(S, v);
          if (c.startsWith('code:') || c.startsWith('hidden:') || c === '(object shape)' || c.startsWith('native:')) continue;
          seen[v] = 1;
          sub += S.selfSize[v];
          for (let k = S.firstEdge[v]; k < S.firstEdge[v + 1]; k++) {
            const et = S.edgeTypes[S.edgeType[k]];
            if (et === 'weak' || S.strings[S.edgeName[k]] === '__proto__' || S.strings[S.edgeName[k]] === 'map') continue;
            stack.push(S.edgeTo[k]);
          }
        }
        bytes += sub;
        perField.set(field, (perField.get(field) ?? 0) + sub);
      }
    }
    console.log(`\n${label}: ${count} record objects, ${kb(bytes)} KB (${(bytes / Math.max(1, count)).toFixed(0)} B each); by field (KB):`, [...perField].sort((p, q) => q[1] - p[1]).slice(0, 10).map(([f, b]) => `${f} ${(b / 1024).toFixed(0)}`).join(', '));
  }
}

// `EXTRA=1`: record objects at end not held by the largest array of records (the list), with one retainer path each (grouped).
if (process.env.EXTRA) {
  const S = B;
  const recs: number[] = [];
  for (let i = 1; i < S.n; i++) if (isRunRecord(S, i)) recs.push(i);
  const isRec = new Uint8Array(S.n);
  for (const r of recs) isRec[r] = 1;
  const holders = new Map<number, number[]>();
  for (let v = 0; v < S.n; v++) for (let j = S.firstEdge[v]; j < S.firstEdge[v + 1]; j++) if (isRec[S.edgeTo[j]] && S.edgeTypes[S.edgeType[j]] !== 'weak') holders.set(S.edgeTo[j], [...(holders.get(S.edgeTo[j]) ?? []), v]);
  const count = new Map<number, number>();
  for (const hs of holders.values()) for (const h of hs) count.set(h, (count.get(h) ?? 0) + 1);
  const groups = new Map<string, number>();
  for (const r of recs) {
    const hs = holders.get(r) ?? [];
    const key = hs.map((h) => `${className(S, h)}(${count.get(h)} recs) ← ${path(S, h, 4)}`).sort().join(' | ');
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  for (const [k, n] of [...groups].sort((p, q) => q[1] - p[1]).slice(0, 8)) console.log(`${n} records held by: ${k.slice(0, 700)}`);
}
