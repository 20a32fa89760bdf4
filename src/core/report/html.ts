/**
 * The report's HTML building blocks. Every piece of text that reaches a report goes through
 * `esc` (element text) or `attr` (attribute values): model output is untrusted, and a report is
 * a file people open and forward.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export const attr = esc;

/** Trusted markup, built only from `esc`-ed text by this module's own helpers. */
export type Html = { readonly html: string };

export const raw = (html: string): Html => ({ html });

export type Cell = string | number | Html | null | undefined;

function cell(c: Cell): string {
  if (c === null || c === undefined) return '—';
  return typeof c === 'object' ? c.html : esc(c);
}

export function table(head: readonly Cell[], rows: readonly (readonly Cell[])[], opts: { caption?: string; numeric?: readonly number[]; className?: string } = {}): string {
  const num = new Set(opts.numeric ?? []);
  const td = (c: Cell, i: number, tag: 'td' | 'th') => `<${tag}${num.has(i) ? ' class="num"' : ''}>${cell(c)}</${tag}>`;
  return [
    `<table${opts.className ? ` class="${attr(opts.className)}"` : ''}>`,
    opts.caption ? `<caption>${esc(opts.caption)}</caption>` : '',
    `<thead><tr>${head.map((h, i) => td(h, i, 'th')).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row"${num.has(0) ? ' class="num"' : ''}>${cell(c)}</th>` : td(c, i, 'td'))).join('')}</tr>`).join('')}</tbody>`,
    '</table>',
  ].join('');
}

/** Model text shown as written: escaped, whitespace kept (Markdown tables stay readable in monospace). */
export function modelText(text: string, className = 'model-text'): string {
  return `<div class="${attr(className)}">${esc(text)}</div>`;
}

export function section(title: string, body: string, id?: string): string {
  return `<section${id ? ` id="${attr(id)}"` : ''}><h2>${esc(title)}</h2>${body}</section>`;
}

export function definitionList(items: readonly [string, Cell][]): string {
  return `<dl class="facts">${items.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${cell(v)}</dd></div>`).join('')}</dl>`;
}

const STYLE = `
:root { color-scheme: light; --text: #1b1f24; --muted: #5b6470; --border: #d8dde3; --surface-2: #f0f2f5; --accent: #3b5bdb; --ok: #1f7a33; --warn: #954700; --err: #c92a2a; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--text); background: #fff; }
header { border-bottom: 2px solid var(--accent); margin-bottom: 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 24px 0 8px; border-bottom: 1px solid var(--border); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
.meta, .hint { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); padding-bottom: 4px; }
th, td { border: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--surface-2); }
.num { text-align: right; white-space: nowrap; }
.model-text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 8px; margin: 8px 0; }
.facts div { border: 1px solid var(--border); border-radius: 6px; padding: 6px 8px; }
.facts dt { color: var(--muted); font-size: 12px; }
.facts dd { margin: 0; font-weight: 600; }
.steps { list-style: none; padding: 0; margin: 0; }
.step { display: grid; grid-template-columns: 3em 1fr; gap: 8px; border-bottom: 1px dashed var(--border); padding: 6px 0; }
.step-no { color: var(--muted); text-align: right; font-variant-numeric: tabular-nums; }
.finding { margin: 4px 0 0; padding: 2px 8px; border-left: 3px solid var(--muted); font-size: 13px; }
.finding-error { border-color: var(--err); color: var(--err); }
.finding-warning { border-color: var(--warn); color: var(--warn); }
.trail { margin: 4px 0 0; padding: 2px 8px; border-left: 3px solid var(--err); font-size: 13px; color: var(--muted); }
.trail-corrects { border-color: var(--ok, #1f7a33); }
.trail-carries { border-color: var(--warn); }
del .model-text, del { opacity: 0.75; }
.answer { border: 1px solid var(--border); border-radius: 6px; padding: 8px 12px; }
.checkpoint { border-left: 4px solid var(--accent); background: var(--surface-2); padding: 6px 12px; margin: 8px 0; }
.checkpoint ul { margin: 4px 0; }
figure { margin: 12px 0; }
figcaption { color: var(--muted); font-size: 13px; }
svg { max-width: 100%; height: auto; }
.row-same td { color: var(--muted); }
.row-diverge td, .row-diverge th { background: #fff4e5; }
.tag { display: inline-block; border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; font-size: 12px; color: var(--muted); }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--border); padding-top: 8px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  section { break-before: page; }
  header + section { break-before: auto; }
  table { page-break-inside: auto; }
  tr, .step, figure, .checkpoint, .facts div { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3 { break-after: avoid; }
  .model-text { font-size: 9.5pt; }
}
@page { margin: 16mm 14mm; }
`;

export type ReportDocument = { title: string; subtitle?: string; generatedAt: number; sections: readonly string[] };

/**
 * One self-contained HTML file: styles inline, charts as inline SVG, no script, no external
 * resource. The CSP meta tag makes that a promise the browser keeps (nothing may load).
 */
export function renderDocument(doc: ReportDocument): string {
  const when = new Date(doc.generatedAt).toISOString().replace('T', ' ').slice(0, 16);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<header><h1>${esc(doc.title)}</h1><p class="meta">${doc.subtitle ? `${esc(doc.subtitle)} · ` : ''}Generated ${esc(when)} UTC by Reasoning Viewer</p></header>`,
    ...doc.sections,
    `<footer>A self-contained report: it needs no network and no scripts, and prints with each section on its own page.</footer>`,
    '</body></html>',
  ].join('\n');
}
