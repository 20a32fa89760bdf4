import type { NormalizedEvent } from './types';

/**
 * Joins neighbouring reasoning events of one kind and one timestamp into one event. Parsers stamp
 * a whole fed slice with one time, and steps do not depend on how the text was cut, so nothing
 * the run shows changes; what crosses a thread boundary shrinks from one object per token batch
 * to a few per slice. Answer events are left as they are: the answer's token estimate counts
 * line breaks per piece, so joining pieces would shift it.
 */
export function coalesceEvents(events: readonly NormalizedEvent[]): NormalizedEvent[] {
  const out: NormalizedEvent[] = [];
  let pending: string[] = [];
  let head: NormalizedEvent | undefined;
  const flush = () => {
    if (!head) return;
    out.push(pending.length > 1 ? ({ ...head, text: pending.join('') } as NormalizedEvent) : head);
    head = undefined;
    pending = [];
  };
  for (const event of events) {
    if (event.type !== 'reasoning') {
      flush();
      out.push(event);
      continue;
    }
    const same = head !== undefined && head.type === 'reasoning' && head.t === event.t && (head.kind ?? 'raw') === (event.kind ?? 'raw');
    if (!same) {
      flush();
      head = event;
    }
    pending.push(event.text);
  }
  flush();
  return out;
}
