import type { RunSnapshot } from './accumulator';
import { runMetrics } from './accumulator';
import { formatCount, formatDuration } from '../number-format';

export type ExportContext = { prompt: string; providerLabel: string; model: string; baseUrl: string; reasoningNote?: string };

/** The run as Markdown, with its reasoning. Never includes credentials: none are passed in. */
export function runToMarkdown(context: ExportContext, run: RunSnapshot, now: number): string {
  const m = runMetrics(run, now);
  const steps = run.steps.map((s) => s.text);
  if (run.tail.trim()) steps.push(run.tail.trim());
  const lines = [
    '# Reasoning Viewer run',
    '',
    `- Provider: ${context.providerLabel}`,
    `- Model: ${context.model || '(none)'}`,
    `- Endpoint: ${context.baseUrl}`,
    `- Status: ${run.status}${run.error ? ` — ${run.error}` : ''}`,
    `- Elapsed: ${formatDuration(m.elapsedMs)}; time to first token: ${formatDuration(m.ttftMs)}`,
    `- Reasoning tokens: ${formatCount(m.reasoningTokens)} (${m.reasoningTokensSource}); steps: ${steps.length}`,
    '',
    '## Prompt',
    '',
    context.prompt,
    '',
    `## Reasoning${run.reasoningKind === 'summary' ? ' (provider summary, not the raw chain)' : ''}`,
    '',
    ...steps.flatMap((text, i) => [`### Step ${i + 1}`, '', text, '']),
    '## Answer',
    '',
    run.answer.trim() || '_(no answer)_',
    '',
  ];
  return lines.join('\n');
}
