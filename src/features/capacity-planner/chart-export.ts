import { downloadBlob, downloadText } from '../../lib/download';

/** Chart exports: the data as CSV, the drawn chart as PNG (its SVG serialised onto a canvas). */

export type CsvValue = string | number | boolean | null | undefined;

/** A plain decimal number: a spreadsheet reads it as a value, never as a formula. */
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
/** Leading characters that make Excel, LibreOffice or Sheets evaluate a cell (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 cell. A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab or CR first) gets a leading `'` and is quoted, as OWASP advises; numbers, including
 * negative ones, stay as they are, since a plain number cannot be a formula.
 */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? 'Infinity' : '-Infinity';
  let s = String(v);
  const formula = FORMULA_START.test(s) && !PLAIN_NUMBER.test(s);
  if (formula) s = `'${s}`;
  return formula || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header row. */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [columns.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}

export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function downloadCsv(title: string, csv: string): void {
  downloadText(`${slug(title)}.csv`, csv, 'text/csv');
}

/**
 * Serialises the chart's <svg> (with a background and a title, colours already concrete) and
 * draws it on a 2× canvas, then downloads the PNG.
 */
export async function exportSvgAsPng(svg: SVGSVGElement, title: string, colours: { background: string; text: string; font: string }): Promise<void> {
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(Number(svg.getAttribute('width')) || box.width));
  const height = Math.max(1, Math.round(Number(svg.getAttribute('height')) || box.height));
  const titleHeight = 28;
  const ns = 'http://www.w3.org/2000/svg';
  const out = document.createElementNS(ns, 'svg');
  out.setAttribute('xmlns', ns);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height + titleHeight));
  out.setAttribute('viewBox', `0 0 ${width} ${height + titleHeight}`);
  out.setAttribute('font-family', colours.font);
  const bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', colours.background);
  out.appendChild(bg);
  const heading = document.createElementNS(ns, 'text');
  heading.setAttribute('x', '12');
  heading.setAttribute('y', '19');
  heading.setAttribute('fill', colours.text);
  heading.setAttribute('font-size', '14');
  heading.setAttribute('font-weight', '600');
  heading.textContent = title;
  out.appendChild(heading);
  const body = svg.cloneNode(true) as SVGSVGElement;
  body.setAttribute('x', '0');
  body.setAttribute('y', String(titleHeight));
  body.setAttribute('width', String(width));
  body.setAttribute('height', String(height));
  out.appendChild(body);
  const text = new XMLSerializer().serializeToString(out);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = (height + titleHeight) * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas is not available.');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('Could not encode the PNG.');
  downloadBlob(`${slug(title)}.png`, blob);
}
