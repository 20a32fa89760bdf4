import { useId, useState } from 'react';
import { cachedPromptCount, clearPromptCache } from '../../lib/prompt-cache';
import { EMBEDDINGS_PROVIDER, useSettingsWithoutPrompt } from '../../lib/settings';
import { SelectField } from '../../components/SelectField';
import { KeyField } from './KeyField';

const EMBEDDING_KINDS: { value: 'builtin' | 'endpoint'; label: string }[] = [
  { value: 'builtin', label: 'Built-in, offline (matches wording, not meaning)' },
  { value: 'endpoint', label: 'An OpenAI-compatible /v1/embeddings endpoint' },
];

/** The similarity cache (warm start): on/off, threshold, which embedding, and clearing it. */
export function CacheSettings() {
  const s = useSettingsWithoutPrompt();
  const ids = { threshold: useId(), url: useId(), model: useId() };
  const [cleared, setCleared] = useState('');
  return (
    <form className="settings" aria-label="Similarity cache settings" onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>Similarity cache</legend>
        <label className="check">
          <input type="checkbox" checked={s.cacheEnabled} onChange={(e) => s.update({ cacheEnabled: e.target.checked })} />
          Reuse finished chains for similar questions
        </label>
        <div className="field">
          <label htmlFor={ids.threshold}>
            Similarity threshold <span className="value">{s.cacheThreshold.toFixed(2)}</span>
          </label>
          <input id={ids.threshold} type="range" min={0.5} max={1} step={0.01} value={s.cacheThreshold} onChange={(e) => s.update({ cacheThreshold: Number(e.target.value) })} />
        </div>
        <SelectField label="Embedding" value={s.cacheEmbedding.kind} options={EMBEDDING_KINDS} onChange={(kind) => s.update({ cacheEmbedding: { ...s.cacheEmbedding, kind } })} />
        {s.cacheEmbedding.kind === 'endpoint' && (
          <>
            <div className="field">
              <label htmlFor={ids.url}>Embeddings base address</label>
              <input id={ids.url} value={s.cacheEmbedding.baseUrl} spellCheck={false} onChange={(e) => s.update({ cacheEmbedding: { ...s.cacheEmbedding, baseUrl: e.target.value.trim() } })} />
            </div>
            <div className="field">
              <label htmlFor={ids.model}>Embeddings name</label>
              <input id={ids.model} value={s.cacheEmbedding.model} spellCheck={false} onChange={(e) => s.update({ cacheEmbedding: { ...s.cacheEmbedding, model: e.target.value } })} />
              <small className="hint">Entries are kept per embedding; if the endpoint fails, the built-in embedding is used and the run says so.</small>
            </div>
            <KeyField
              label="Embeddings key (optional)"
              what="embeddings key"
              role="embeddings"
              provider={EMBEDDINGS_PROVIDER}
              url={s.cacheEmbedding.baseUrl}
              ring={s.keys}
              onChange={(key) => s.setKey('embeddings', EMBEDDINGS_PROVIDER, s.cacheEmbedding.baseUrl, key)}
              onAccept={(from) => s.copyKey(from, 'embeddings', EMBEDDINGS_PROVIDER, s.cacheEmbedding.baseUrl)}
              hint='Stored only if "Remember on this device" is ticked.'
            />
          </>
        )}
        <button
          type="button"
          className="button-quiet"
          onClick={async () => {
            const n = cachedPromptCount();
            await clearPromptCache();
            setCleared(`Cleared${n ? ` ${n} cached prompt${n === 1 ? '' : 's'}` : ''}.`);
          }}
        >
          Clear cache
        </button>
        {cleared && <small className="hint"> {cleared}</small>}
      </fieldset>
    </form>
  );
}
