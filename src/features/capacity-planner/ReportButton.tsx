import { plannerReport } from '../../core/report/planner-report';
import { downloadText } from '../../lib/download';
import { usePlanner } from './planner-store';

/** "Download report": the analysis on screen (distribution, breakpoint, plan) as one HTML file. */
export function PlannerReportButton() {
  const ready = usePlanner((s) => s.analysis !== null && s.analysis.kind !== 'empty');
  return (
    <button
      type="button"
      disabled={!ready}
      onClick={() => {
        const { analysis, files, settings } = usePlanner.getState();
        if (!analysis || analysis.kind === 'empty') return;
        const source = files.filter((f) => f.status === 'done').map((f) => f.origin ?? f.name).join(', ');
        downloadText(`capacity-plan-report-${new Date().toISOString().slice(0, 10)}.html`, plannerReport(analysis, { source, now: Date.now(), timeoutSeconds: settings.timeoutSeconds }), 'text/html');
      }}
    >
      Download report
    </button>
  );
}
