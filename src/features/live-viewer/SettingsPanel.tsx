import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { keyFor, keyOrigin, keyPlaces, type Keyring } from '../../core/keys/key-scope';
import type { ProviderId } from '../../core/providers/types';
import type { StepMode } from '../../core/steps/types';
import { DEFAULT_TIER_BOUNDS } from '../../core/run/tiers';
import { NumberField } from '../../components/NumberField';
import { SelectField } from '../../components/SelectField';
import { fetchModels } from '../../lib/model-list';
import { EFFORT_OPTIONS, endpointFor, NUMBER_LIMITS, PROVIDER_OPTIONS, PROVIDERS, useSettings, useSettingsWithoutPrompt } from '../../lib/settings';
import { KeyField } from './KeyField';
import { useSettled } from './use-settled';

const STEP_MODES: { value: StepMode; label: string }[] = [
  { value: 'paragraph', label: 'Blank-line paragraphs' },
  { value: 'line', label: 'Each line' },
  { value: 'marker', label: '"Step N" markers' },
  { value: 'tokens', label: 'Every K tokens' },
];

/** Lists models only for a confirmed address, a moment after it settles, and on "List models". */
const LIST_DELAY_MS = 400;

function useModelList(provider: ProviderId, baseUrl: string) {
  // The query key names the endpoint, never the key: typing a key does not list anything.
  const target = useSettled(`${provider} ${baseUrl}`, LIST_DELAY_MS);
  const settled = target === `${provider} ${baseUrl}`;
  return useQuery({
    queryKey: ['models', provider, baseUrl],
    queryFn: ({ signal }) => {
      const s = useSettings.getState();
      return fetchModels(provider, baseUrl, keyFor(s.keys, 'model', provider, baseUrl) ?? '', signal);
    },
    enabled: settled && (provider === 'demo' || keyOrigin(baseUrl) !== null),
    retry: false,
  });
}

/** Says exactly what "Remember on this device" writes to storage. */
function rememberNote(keys: Keyring, remember: boolean): string {
  const places = keyPlaces(keys);
  const roles: Record<string, string> = { model: 'API key', judge: 'judge key', embeddings: 'embeddings key' };
  const list = places.map((p) => `the ${roles[p.role]} for ${p.origin} (${PROVIDERS.find((x) => x.id === p.provider)?.label ?? p.provider})`);
  const what = list.length ? `${list.length === 1 ? 'one key' : `${list.length} keys`}: ${list.join('; ')}` : 'the keys you enter (API, judge and embeddings keys), each with the address it is for';
  return remember
    ? `Stored in this browser's local storage, readable by anyone using this browser profile: ${what}.`
    : `Ticked, this stores in this browser's local storage ${what}. Unticked, keys stay in this tab's memory only.`;
}

/** Provider, address, model and key: the fields a run cannot do without. */
function EndpointFields({ disabled }: { disabled: boolean }) {
  const s = useSettingsWithoutPrompt();
  const { baseUrl, model } = endpointFor(s);
  const models = useModelList(s.provider, baseUrl);
  const ids = { url: useId(), model: useId(), list: useId(), remember: useId() };
  // The address being typed; it becomes the setting (and is listed) on Enter or on leaving the field.
  const [draftUrl, setDraftUrl] = useState<string | null>(null);
  const commitUrl = () => {
    if (draftUrl === null) return;
    if (draftUrl.trim() !== baseUrl) s.setEndpoint({ baseUrl: draftUrl.trim() });
    setDraftUrl(null);
  };
  return (
    <fieldset disabled={disabled}>
      <legend>{s.provider === 'demo' ? 'Demo endpoint' : 'Endpoint'}</legend>
      <div className="field">
        <label htmlFor={ids.url}>Endpoint URL</label>
        <input
          id={ids.url}
          type="url"
          value={draftUrl ?? baseUrl}
          placeholder="http://127.0.0.1:8000/v1"
          spellCheck={false}
          readOnly={s.provider === 'demo'}
          onChange={(e) => setDraftUrl(e.target.value)}
          onBlur={commitUrl}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commitUrl();
            }
          }}
        />
        {draftUrl !== null && draftUrl.trim() !== baseUrl && <small className="hint">Press Enter or leave the field to use this address.</small>}
      </div>
      <div className="field">
        <label htmlFor={ids.model}>Model</label>
        <input
          id={ids.model}
          list={ids.list}
          value={model}
          placeholder={models.isFetching ? 'Listing models…' : 'model name'}
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
        {s.provider !== 'demo' && (
          <button type="button" className="button-quiet" disabled={models.isFetching || keyOrigin(baseUrl) === null} onClick={() => void models.refetch()}>
            List models
          </button>
        )}
      </div>
      {s.provider !== 'demo' && (
        <KeyField
          label="API key"
          what="API key"
          role="model"
          provider={s.provider}
          url={baseUrl}
          ring={s.keys}
          onChange={(key) => s.setKey('model', s.provider, baseUrl, key)}
          onAccept={(from) => s.copyKey(from, 'model', s.provider, baseUrl)}
        />
      )}
      {(s.provider !== 'demo' || keyPlaces(s.keys).length > 0) && (
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={s.rememberKeys} aria-describedby={ids.remember} onChange={(e) => s.update({ rememberKeys: e.target.checked })} />
            Remember on this device
          </label>
          <small className="hint" id={ids.remember} data-testid="remember-note">
            {rememberNote(s.keys, s.rememberKeys)}
          </small>
        </div>
      )}
    </fieldset>
  );
}

/**
 * What first load shows: the provider and, for a real endpoint, its address, model and key; for
 * the demo model (whose address and model are fixed) its speed. The rest is under "More settings".
 */
export function EndpointSettings({ disabled }: { disabled: boolean }) {
  const s = useSettingsWithoutPrompt();
  return (
    <form className="settings" aria-label="Endpoint settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset disabled={disabled}>
        <legend>Connection</legend>
        <SelectField
          label="Provider"
          value={s.provider}
          options={PROVIDER_OPTIONS}
          onChange={(provider) => s.update({ provider })}
          hint={s.provider === 'demo' ? 'Built-in demo model: scripted scenarios, no network.' : undefined}
        />
        {s.provider === 'demo' && (
          <NumberField label="Demo token rate (tokens/s)" value={s.demoTokensPerSecond} {...NUMBER_LIMITS.demoTokensPerSecond} onChange={(v) => s.update({ demoTokensPerSecond: v })} />
        )}
      </fieldset>
      {s.provider !== 'demo' && <EndpointFields key={s.provider} disabled={disabled} />}
    </form>
  );
}

/** Generation, step splitting and timing: under "More settings" (and the demo's fixed address and model). */
export function GenerationSettings({ disabled }: { disabled: boolean }) {
  const s = useSettingsWithoutPrompt();
  const usesEffort = s.provider === 'openai-compatible' || s.provider === 'ollama' || s.provider === 'openai-responses';
  return (
    <form className="settings" aria-label="Generation settings" onSubmit={(e) => e.preventDefault()}>
      {s.provider === 'demo' && <EndpointFields disabled={disabled} />}
      <fieldset disabled={disabled}>
        <legend>Generation</legend>
        {usesEffort && (
          <SelectField label="Reasoning effort" value={s.reasoningEffort} options={EFFORT_OPTIONS} onChange={(reasoningEffort) => s.update({ reasoningEffort })} />
        )}
        {s.provider === 'anthropic' && (
          <NumberField label="Thinking budget (tokens)" value={s.thinkingBudget} {...NUMBER_LIMITS.thinkingBudget} step={512} onChange={(v) => s.update({ thinkingBudget: v })} hint="At least 1,024 and below max tokens." />
        )}
        <NumberField label="Max tokens" value={s.maxTokens} {...NUMBER_LIMITS.maxTokens} step={256} onChange={(v) => s.update({ maxTokens: v })} />
      </fieldset>
      <fieldset>
        <legend>Steps and timing</legend>
        <SelectField label="Split steps by" value={s.stepMode} options={STEP_MODES} disabled={disabled} onChange={(stepMode) => s.update({ stepMode })} />
        {s.stepMode === 'tokens' && <NumberField label="Tokens per step" value={s.tokensPerStep} {...NUMBER_LIMITS.tokensPerStep} onChange={(v) => s.update({ tokensPerStep: v })} />}
        <NumberField label="Step timeout (s)" value={s.stepTimeoutSeconds} min={1} onChange={(v) => s.update({ stepTimeoutSeconds: v })} hint="Warn when no new step arrives for this long." />
        <NumberField label="Stall timeout (s)" value={s.idleTimeoutSeconds} min={5} onChange={(v) => s.update({ idleTimeoutSeconds: v })} hint="Give up when no bytes arrive for this long." />
        <details>
          <summary>Latency tiers</summary>
          <NumberField label="Short target (s)" value={s.tierTargets.shortSeconds} min={1} onChange={(v) => s.update({ tierTargets: { ...s.tierTargets, shortSeconds: v } })} hint={`< ${DEFAULT_TIER_BOUNDS.shortBelow} steps`} />
          <NumberField label="Medium target (s)" value={s.tierTargets.mediumSeconds} min={1} onChange={(v) => s.update({ tierTargets: { ...s.tierTargets, mediumSeconds: v } })} hint={`${DEFAULT_TIER_BOUNDS.shortBelow}–${DEFAULT_TIER_BOUNDS.complexAbove} steps`} />
          <NumberField label="Attention ceiling (s)" value={s.tierTargets.attentionCeilingSeconds} min={1} onChange={(v) => s.update({ tierTargets: { ...s.tierTargets, attentionCeilingSeconds: v } })} hint={`Complex chains (> ${DEFAULT_TIER_BOUNDS.complexAbove} steps) are judged against it.`} />
        </details>
      </fieldset>
    </form>
  );
}
