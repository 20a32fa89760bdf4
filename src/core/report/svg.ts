import { esc } from './html';

/**
 * Charts drawn as inline SVG from plain numbers, so a report needs no chart library or script.
 * Each chart has a <title> and a text caption beside it for readers who cannot see it.
 */

const W = 640;
const H = 260;
const M = { top: 14, right: 16, bottom: 42, left: 56 };

export const COLOURS = { accent: '#3b5bdb', short: '#2f9e44', medium: '#f08c00', complex: '#c92a2a', muted: '#5b6470', border: '#d8dde3', warn: '#954700', ok: '#1f7a33' } as const;

/** About five round ticks from at or below lo to at or above hi (1, 2, 5 × 10ⁿ apart). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (hi <= lo) hi = lo + 1;
  const rough = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((s) => s >= rough) ?? 10 * mag;
  const ticks: number[] = [];
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

const fmt = (v: number) => (Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : String(Number(v.toPrecision(4))));
const n2 = (v: number) => v.toFixed(1);

type Scale = { lo: number; hi: number; at: (v: number) => number; ticks: number[] };

function scale(lo: number, hi: number, from: number, to: number): Scale {
  // One distinct value (every run the same length): centre it rather than pin it to an edge.
  if (!(hi - lo > 1e-9)) {
    lo -= 1;
    hi += 1;
  }
  const ticks = niceTicks(lo, hi);
  const l = Math.min(lo, ticks[0] ?? lo);
  const h = Math.max(hi, ticks[ticks.length - 1] ?? hi, l + 1e-9);
  return { lo: l, hi: h, ticks, at: (v) => from + ((v - l) / (h - l)) * (to - from) };
}

function frame(title: string, x: Scale, y: Scale, xLabel: string, yLabel: string, yFormat: (v: number) => string, body: string): string {
  const grid = y.ticks
    .map((t) => `<line x1="${M.left}" x2="${W - M.right}" y1="${n2(y.at(t))}" y2="${n2(y.at(t))}" stroke="${COLOURS.border}" stroke-dasharray="3 3"/><text x="${M.left - 6}" y="${n2(y.at(t) + 4)}" text-anchor="end">${esc(yFormat(t))}</text>`)
    .join('');
  const xt = x.ticks.map((t) => `<line x1="${n2(x.at(t))}" x2="${n2(x.at(t))}" y1="${H - M.bottom}" y2="${H - M.bottom + 4}" stroke="${COLOURS.muted}"/><text x="${n2(x.at(t))}" y="${H - M.bottom + 16}" text-anchor="middle">${esc(fmt(t))}</text>`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}" font-family="system-ui, sans-serif" font-size="11" fill="${COLOURS.muted}">`,
    `<title>${esc(title)}</title>`,
    grid,
    body,
    `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="${COLOURS.muted}"/>`,
    xt,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 6}" text-anchor="middle" font-size="12">${esc(xLabel)}</text>`,
    `<text transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${esc(yLabel)}</text>`,
    '</svg>',
  ].join('');
}

function marker(x: Scale, at: number, label: string, colour: string): string {
  if (!Number.isFinite(at) || at < x.lo || at > x.hi) return '';
  const px = n2(x.at(at));
  return `<line x1="${px}" x2="${px}" y1="${M.top}" y2="${H - M.bottom}" stroke="${colour}" stroke-width="2" stroke-dasharray="6 4"/><text x="${px}" y="${M.top + 10}" dx="4" fill="${colour}" font-weight="600">${esc(label)}</text>`;
}

export type Bar = { lo: number; hi: number; value: number; colour?: string };

/** A histogram: bars from lo to hi, optional vertical marker (e.g. the latency breakpoint). */
export function barChart(opts: { title: string; bars: readonly Bar[]; xLabel: string; yLabel: string; marker?: { at: number; label: string }; yFormat?: (v: number) => string }): string {
  const bars = opts.bars.filter((b) => Number.isFinite(b.lo) && Number.isFinite(b.hi) && Number.isFinite(b.value));
  const x = scale(Math.min(...bars.map((b) => b.lo), opts.marker?.at ?? Infinity), Math.max(...bars.map((b) => b.hi), opts.marker?.at ?? -Infinity), M.left, W - M.right);
  const y = scale(0, Math.max(1e-9, ...bars.map((b) => b.value)), H - M.bottom, M.top);
  const body = bars
    .map((b) => {
      const x0 = x.at(b.lo);
      const x1 = x.at(b.hi);
      const top = y.at(b.value);
      return `<rect x="${n2(x0 + 0.5)}" y="${n2(top)}" width="${n2(Math.max(1, x1 - x0 - 1))}" height="${n2(H - M.bottom - top)}" fill="${b.colour ?? COLOURS.accent}"><title>${esc(`${fmt(b.lo)}–${fmt(b.hi)}: ${fmt(b.value)}`)}</title></rect>`;
    })
    .join('');
  return frame(opts.title, x, y, opts.xLabel, opts.yLabel, opts.yFormat ?? fmt, body + (opts.marker ? marker(x, opts.marker.at, opts.marker.label, COLOURS.complex) : ''));
}

export type Series = { name: string; points: readonly { x: number; y: number }[]; colour?: string; dots?: boolean; line?: boolean };

/** Lines and/or dots over a numeric x axis, optional vertical marker and horizontal reference. */
export function xyChart(opts: { title: string; series: readonly Series[]; xLabel: string; yLabel: string; marker?: { at: number; label: string }; reference?: { y: number; label: string }; yFormat?: (v: number) => string; yMin?: number }): string {
  const pts = opts.series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  if (opts.marker) xs.push(opts.marker.at);
  if (opts.reference) ys.push(opts.reference.y);
  const x = scale(xs.length ? Math.min(...xs) : 0, xs.length ? Math.max(...xs) : 1, M.left, W - M.right);
  const y = scale(opts.yMin ?? (ys.length ? Math.min(0, ...ys) : 0), ys.length ? Math.max(...ys) : 1, H - M.bottom, M.top);
  const body = opts.series
    .map((s) => {
      const colour = s.colour ?? COLOURS.accent;
      const ok = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
      const line = s.line !== false && ok.length > 1 ? `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${ok.map((p) => `${n2(x.at(p.x))},${n2(y.at(p.y))}`).join(' ')}"/>` : '';
      const dots = s.dots !== false ? ok.map((p) => `<circle cx="${n2(x.at(p.x))}" cy="${n2(y.at(p.y))}" r="2.5" fill="${colour}"/>`).join('') : '';
      return `<g aria-label="${esc(s.name)}">${line}${dots}</g>`;
    })
    .join('');
  const ref = opts.reference
    ? `<line x1="${M.left}" x2="${W - M.right}" y1="${n2(y.at(opts.reference.y))}" y2="${n2(y.at(opts.reference.y))}" stroke="${COLOURS.warn}" stroke-dasharray="6 4"/><text x="${W - M.right}" y="${n2(y.at(opts.reference.y) - 4)}" text-anchor="end" fill="${COLOURS.warn}">${esc(opts.reference.label)}</text>`
    : '';
  return frame(opts.title, x, y, opts.xLabel, opts.yLabel, opts.yFormat ?? fmt, body + ref + (opts.marker ? marker(x, opts.marker.at, opts.marker.label, COLOURS.complex) : ''));
}

export function legend(items: readonly { label: string; colour: string }[]): string {
  return `<p class="hint">${items.map((i) => `<span style="display:inline-block;width:10px;height:10px;background:${i.colour};margin:0 4px 0 10px"></span>${esc(i.label)}`).join('')}</p>`;
}

export function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}
