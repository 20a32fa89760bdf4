import { useId, useRef, useState, type ReactNode } from 'react';
import { useTurn } from '../../components/charts/use-turn';
import { downloadCsv, exportSvgAsPng, toCsv, type CsvValue } from './chart-export';
import { useChartTheme } from './chart-theme';

type Props = {
  title: string;
  /** What the chart shows, under the title. */
  caption?: ReactNode;
  /** The chart's data as a table, for "CSV". */
  csv: () => { columns: string[]; rows: CsvValue[][] };
  children: ReactNode;
  /** Below the chart: legend, notes. */
  footer?: ReactNode;
  /** A hook for the guided demo (data-tour). */
  tourId?: string;
  /** The chart's height in px: the space kept for it until its turn to be drawn comes. */
  height: number;
};

/** A chart with its title and PNG / CSV export buttons; a region named by the title. */
export function ChartCard({ title, caption, csv, children, footer, tourId, height }: Props) {
  const id = useId();
  const body = useRef<HTMLDivElement>(null);
  const theme = useChartTheme();
  const [error, setError] = useState<string | null>(null);
  // Charts are drawn one per frame (see useTurn): the first render of a page of them is no long task.
  const drawn = useTurn();

  const png = async () => {
    setError(null);
    const svg = body.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) {
      setError('Nothing drawn to export yet.');
      return;
    }
    try {
      await exportSvgAsPng(svg, title, { background: theme.surface, text: theme.text, font: theme.font });
    } catch (e) {
      setError(`PNG export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const exportCsv = () => {
    const { columns, rows } = csv();
    downloadCsv(title, toCsv(columns, rows));
  };

  return (
    <section className="panel chart-card" aria-labelledby={id} data-tour={tourId}>
      <div className="panel-head">
        <h3 id={id}>{title}</h3>
        <div className="toolbar">
          <button type="button" className="button-quiet" onClick={() => void png()} aria-label={`Export ${title} as PNG`}>
            PNG
          </button>
          <button type="button" className="button-quiet" onClick={exportCsv} aria-label={`Export ${title} data as CSV`}>
            CSV
          </button>
        </div>
      </div>
      {caption && <p className="hint chart-caption">{caption}</p>}
      <div ref={body} className="chart-body">
        {drawn ? (
          children
        ) : (
          <div className="chart-pending" style={{ height }} aria-busy="true">
            Drawing…
          </div>
        )}
      </div>
      {footer}
      {error && (
        <p className="flag flag-warn" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** A small HTML legend (recharts' own legend is HTML outside the SVG anyway). */
export function Legend({ items }: { items: { label: string; colour: string; dashed?: boolean; band?: boolean }[] }) {
  return (
    <ul className="chart-legend">
      {items.map((i) => (
        <li key={i.label}>
          <span
            className="chart-swatch"
            aria-hidden="true"
            style={i.band ? { background: i.colour, opacity: 0.35 } : i.dashed ? { borderTop: `2px dashed ${i.colour}`, height: 0 } : { background: i.colour }}
          />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
