import { useId, useMemo } from 'react';
import { create } from 'zustand';
import { CompareView } from '../../../components/compare/CompareView';
import { runLabel } from '../../../core/compare/align';
import { SCENARIO_CHOICES } from '../../../core/demo/pick-scenario';
import type { RunRecord } from '../../../core/stored-runs/types';
import { toRunRecord } from '../../../lib/run-record';
import { EFFORT_OPTIONS, endpointFor, PROVIDER_OPTIONS, useSettings, type Settings } from '../../../lib/settings';
import { SelectField } from '../../../components/SelectField';
import { findCachedChain, startCompare, stopCompare, type CompareSide } from '../run-controller';
import { useLiveRun } from '../run-store';

function sideFrom(s: Settings, reasoningEffort: Settings['reasoningEffort']): CompareSide {
  const { baseUrl, model } = endpointFor(s);
  return { provider: s.provider, baseUrl, model, reasoningEffort };
}

type CompareUi = {
  on: boolean;
  left: CompareSide;
  right: CompareSide;
  /** The right side replays this prompt's cached chain instead of calling a model. */
  rightFromCache: boolean;
  notice: string | null;
  setOn: (on: boolean) => void;
  setSide: (which: 'left' | 'right', patch: Partial<CompareSide>) => void;
};

/** Compare mode's own state: on or off, and the two sides' settings (starting from the current ones). */
export const useCompareUi = create<CompareUi>()((set) => ({
  on: false,
  left: sideFrom(useSettings.getState(), 'low'),
  right: sideFrom(useSettings.getState(), 'high'),
  rightFromCache: false,
  notice: null,
  setOn: (on) => set({ on }),
  setSide: (which, patch) =>
    set((s) => {
      const next = { ...s[which], ...patch };
      // A new provider starts from that provider's remembered (or default) endpoint.
      if (patch.provider && patch.provider !== s[which].provider) Object.assign(next, endpointFor({ provider: patch.provider, endpoints: useSettings.getState().endpoints }));
      return { [which]: next } as Pick<CompareUi, 'left' | 'right'>;
    }),
}));

export async function runCompare(prompt: string): Promise<void> {
  const { left, right, rightFromCache } = useCompareUi.getState();
  useCompareUi.setState({ notice: null });
  if (!rightFromCache) {
    startCompare(prompt, left, right);
    return;
  }
  let found: Awaited<ReturnType<typeof findCachedChain>>;
  try {
    found = await findCachedChain(prompt);
  } catch (error) {
    found = `The similarity cache was unavailable (${error instanceof Error ? error.message : String(error)}).`;
  }
  if (typeof found === 'string') useCompareUi.setState({ notice: found });
  else startCompare(prompt, left, right, { right: found });
}

const DEMO_MODELS = ['demo-reasoner', ...SCENARIO_CHOICES.map((c) => `demo-reasoner:${c.id}`)];

function SideSettings({ which, disabled }: { which: 'left' | 'right'; disabled: boolean }) {
  const side = useCompareUi((s) => s[which]);
  const fromCache = useCompareUi((s) => which === 'right' && s.rightFromCache);
  const setSide = useCompareUi((s) => s.setSide);
  const id = useId();
  const name = which === 'left' ? 'Left run' : 'Right run';
  return (
    <fieldset className="compare-side-settings" disabled={disabled}>
      <legend>{name}</legend>
      {which === 'right' && (
        <label className="check">
          <input type="checkbox" checked={fromCache} onChange={(e) => useCompareUi.setState({ rightFromCache: e.target.checked })} /> Replay this prompt's cached chain instead
        </label>
      )}
      <fieldset className="compare-side-fields" disabled={fromCache}>
      <SelectField id={`${id}-p`} label={`${name} provider`} value={side.provider} options={PROVIDER_OPTIONS} onChange={(provider) => setSide(which, { provider })} />
      <div className="field">
        <label htmlFor={`${id}-u`}>{name} endpoint URL</label>
        <input id={`${id}-u`} value={side.baseUrl} onChange={(e) => setSide(which, { baseUrl: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-m`}>{name} model</label>
        <input id={`${id}-m`} value={side.model} list={side.provider === 'demo' ? `${id}-demo` : undefined} onChange={(e) => setSide(which, { model: e.target.value })} />
        {side.provider === 'demo' && (
          <datalist id={`${id}-demo`}>
            {DEMO_MODELS.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        )}
        {side.provider === 'demo' && <p className="hint">demo-reasoner:&lt;scenario&gt; plays that scenario whatever the prompt.</p>}
      </div>
      <SelectField
        id={`${id}-e`}
        label={`${name} reasoning effort`}
        value={side.reasoningEffort}
        options={EFFORT_OPTIONS}
        onChange={(reasoningEffort) => setSide(which, { reasoningEffort })}
      />
      </fieldset>
    </fieldset>
  );
}

const isLive = (r: RunRecord | null) => r?.status === 'running';

/** Compare mode on the live viewer: two side settings, Run both (the shared prompt), and the comparison streaming in. */
export function ComparePanel() {
  const compare = useLiveRun((s) => s.compare);
  const leftView = useLiveRun((s) => (s.compare ? s.views[s.compare.leftId] : undefined));
  const rightView = useLiveRun((s) => (s.compare ? s.views[s.compare.rightId] : undefined));
  const now = useLiveRun((s) => s.now);
  const left = useMemo(() => (leftView ? toRunRecord(leftView, now) : null), [leftView, now]);
  const right = useMemo(() => (rightView ? toRunRecord(rightView, now) : null), [rightView, now]);
  const live = isLive(left) || isLive(right);
  const notice = useCompareUi((s) => s.notice);
  const labels = useMemo(() => {
    const l = left ? runLabel(left) : 'Left';
    const r = right ? runLabel(right) : 'Right';
    return l === r ? { left: `Left · ${l}`, right: `Right · ${r}` } : { left: l, right: r };
  }, [left, right]);
  return (
    <>
      <section className="panel compare-setup" aria-label="Compare settings">
        <div className="panel-head">
          <h2>Compare two runs</h2>
          <p className="hint">One prompt (above), two runs streaming side by side: two models, two efforts or two providers.</p>
        </div>
        <div className="compare-sides">
          <SideSettings which="left" disabled={live} />
          <SideSettings which="right" disabled={live} />
        </div>
        <div className="toolbar">
          <button
            type="button"
            className="button-primary"
            disabled={live}
            onClick={() => {
              const prompt = useSettings.getState().prompt.trim();
              if (prompt) void runCompare(prompt);
            }}
          >
            Run both
          </button>
          <button type="button" disabled={!live} onClick={() => stopCompare()}>
            Stop both
          </button>
          {compare && left && right && (
            <span className="hint" role="status">
              {live ? 'Streaming both runs…' : `Both runs ended (${left.status}, ${right.status}).`}
            </span>
          )}
        </div>
        {notice && (
          <p className="flag flag-warn" role="alert">
            {notice}
          </p>
        )}
      </section>
      {left && right ? <CompareView left={left} right={right} labels={labels} live={live} /> : <p className="placeholder">Type a prompt above and press Run both: the two runs stream here side by side, steps aligned.</p>}
    </>
  );
}
