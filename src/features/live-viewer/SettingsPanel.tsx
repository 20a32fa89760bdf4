import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { ProviderId, ReasoningEffort } from '../../core/providers/types';
import type { StepMode } from '../../core/steps/types';
import { NumberField } from '../../components/NumberField';
import { fetchModels } from '../../lib/model-list';
import { endpointFor, PROVIDERS, useSettings } from '../../lib/settings';

const EFFORTS: (ReasoningEffort | 'default')[] = ['default', 'none', 'minimal', 'low', 'medium', 'high', 'max'];
const STEP_MODES: { id: StepMode; label: string }[] = [
  { id: 'paragraph', label: 'Blank-line paragraphs' },
  { id: 'line', label: 'Each line' },
  { id: 'marker', label: '"Step N" markers' },
  { id: 'tokens', label: 'Every K tokens' },
];

function useModelList() {
  const provider = useSettings((s) => s.provider);
  const endpoints = useSettings((s) => s.endpoints);
  const apiKey = useSettings((s) => s.apiKey);
  const { baseUrl } = endpointFor({ provider, endpoints });
  return useQuery({
    // The key says whether a key is set, never the key itself.
    queryKey: ['models', provider, baseUrl, apiKey ? 'with-key' : 'no-key'],
    queryFn: ({ signal }) => fetchModels(provider, baseUrl, useSettings.getState().apiKey, signal),
    enabled: Boolean(baseUrl),
    retry: false,
  });
}

export function SettingsPanel({ disabled }: { disabled: boolean }) {
  const s = useSettings();
  const { baseUrl, model } = endpointFor(s);
  const models = useModelList();
  const ids = { provider: useId(), url: useId(), model: useId(), key: useId(), effort: useId(), mode: useId(), list: useId() };
  const usesEffort = s.provider === 'openai-compatible' || s.provider === 'ollama' || s.provider === 'openai-responses';

  return (
    <form className="settings" aria-label="Endpoint settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset disabled={disabled}>
        <legend>Endpoint</legend>
        <div className="field">
          <label htmlFor={ids.provider}>Provider</label>
          <select id={ids.provider} value={s.provider} onChange={(e) => s.update({ provider: e.target.value as ProviderId })}>
            {PROVIDERS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.url}>Endpoint URL</label>
          <input
            id={ids.url}
            type="url"
            value={baseUrl}
            placeholder="http://127.0.0.1:8000/v1"
            spellCheck={false}
            readOnly={s.provider === 'demo'}
            onChange={(e) => s.setEndpoint({ baseUrl: e.target.value.trim() })}
          />
          {s.provider === 'demo' && <small className="hint">Built-in demo model: scripted scenarios, no network.</small>}
        </div>
        <div className="field">
          <label htmlFor={ids.model}>Model</label>
          <input
            id={ids.model}
            list={ids.list}
            value={model}
            placeholder={models.isLoading ? 'Listing models…' : 'model name'}
            spellCheck={false}
            onChange={(e) => s.setEndpoint({ model: e.target.value })}
          />
          <datalist id={ids.list}>
            {(models.data ?? []).map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
          {models.isError && <small className="hint warn">{(models.error as Error).message}</small>}
          {models.isSuccess && <small className="hint">{models.data.length} model{models.data.length === 1 ? '' : 's'} listed.</small>}
        </div>
        {s.provider !== 'demo' && (
          <div className="field">
            <label htmlFor={ids.key}>API key</label>
            <input id={ids.key} type="password" autoComplete="off" value={s.apiKey} onChange={(e) => s.update({ apiKey: e.target.value })} />
            <label className="check">
              <input type="checkbox" checked={s.rememberApiKey} onChange={(e) => s.update({ rememberApiKey: e.target.checked })} />
              Remember on this device
            </label>
          </div>
        )}
      </fieldset>

      <fieldset disabled={disabled}>
        <legend>Generation</legend>
        {usesEffort && (
          <div className="field">
            <label htmlFor={ids.effort}>Reasoning effort</label>
            <select id={ids.effort} value={s.reasoningEffort} onChange={(e) => s.update({ reasoningEffort: e.target.value as ReasoningEffort | 'default' })}>
              {EFFORTS.map((e) => (
                <option key={e} value={e}>
                  {e === 'default' ? "Server's default" : e}
                </option>
              ))}
            </select>
          </div>
        )}
        {s.provider === 'anthropic' && (
          <NumberField label="Thinking budget (tokens)" value={s.thinkingBudget} min={1024} step={512} onChange={(v) => s.update({ thinkingBudget: v })} hint="At least 1,024 and below max tokens." />
        )}
        <NumberField label="Max tokens" value={s.maxTokens} min={16} step={256} onChange={(v) => s.update({ maxTokens: v })} />
        {s.provider === 'demo' && (
          <NumberField label="Demo token rate (tokens/s)" value={s.demoTokensPerSecond} min={1} max={100000} onChange={(v) => s.update({ demoTokensPerSecond: v })} />
        )}
      </fieldset>

      <fieldset>
        <legend>Steps and timing</legend>
        <div className="field">
          <label htmlFor={ids.mode}>Split steps by</label>
          <select id={ids.mode} value={s.stepMode} disabled={disabled} onChange={(e) => s.update({ stepMode: e.target.value as StepMode })}>
            {STEP_MODES.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        {s.stepMode === 'tokens' && <NumberField label="Tokens per step" value={s.tokensPerStep} min={5} onChange={(v) => s.update({ tokensPerStep: v })} />}
        <NumberField label="Step timeout (s)" value={s.stepTimeoutSeconds} min={1} onChange={(v) => s.update({ stepTimeoutSeconds: v })} hint="Warn when no new step arrives for this long." />
        <NumberField label="Stall timeout (s)" value={s.idleTimeoutSeconds} min={5} onChange={(v) => s.update({ idleTimeoutSeconds: v })} hint="Give up when no bytes arrive for this long." />
        <details>
          <summary>Latency tiers</summary>
          <NumberField label="Short target (s)" value={s.tierTargets.shortSeconds} min={1} onChange={(v) => s.update({ tierTargets: { ...s.tierTargets, shortSeconds: v } })} hint="< 5 steps" />
          <NumberField label="Medium target (s)" value={s.tierTargets.mediumSeconds} min={1} onChange={(v) => s.update({ tierTargets: { ...s.tierTargets, mediumSeconds: v } })} hint="5–15 steps" />
          <NumberField label="Attention ceiling (s)" value={s.tierTargets.attentionCeilingSeconds} min={1} onChange={(v) => s.update({ tierTargets: { ...s.tierTargets, attentionCeilingSeconds: v } })} hint="Complex chains (> 15 steps) are judged against it." />
        </details>
      </fieldset>
    </form>
  );
}
