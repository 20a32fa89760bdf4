import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { useShallow } from 'zustand/react/shallow';
import { copyKey, keyFor, setKey, type Keyring, type KeyRole } from '../core/keys/key-scope';
import { REASONING_EFFORTS, type ProviderId, type ReasoningEffort } from '../core/providers/types';
import type { StepMode } from '../core/steps/types';
import type { VerificationPolicy } from '../core/run/policy';
import { DEFAULT_TIER_TARGETS, type TierTargets } from '../core/run/tiers';
import type { CheckName } from '../core/verify';

export type Policy = VerificationPolicy;
export type DeliveryPattern = 'streaming' | 'sync' | 'async' | 'chunked';

export type JudgeSettings = {
  enabled: boolean;
  provider: ProviderId;
  baseUrl: string;
  model: string;
};

export const PROVIDERS: { id: ProviderId; label: string; defaultBaseUrl: string; defaultModel: string }[] = [
  { id: 'demo', label: 'Demo', defaultBaseUrl: 'demo://local/v1', defaultModel: 'demo-reasoner' },
  { id: 'openai-compatible', label: 'OpenAI-compatible', defaultBaseUrl: 'http://127.0.0.1:8000/v1', defaultModel: '' },
  { id: 'anthropic', label: 'Anthropic', defaultBaseUrl: 'https://api.anthropic.com/v1', defaultModel: 'claude-sonnet-4-5' },
  { id: 'ollama', label: 'Ollama', defaultBaseUrl: 'http://127.0.0.1:11434', defaultModel: '' },
  { id: 'openai-responses', label: 'OpenAI Responses', defaultBaseUrl: 'https://api.openai.com/v1', defaultModel: 'o4-mini' },
];

/** The providers as a select's options. */
export const PROVIDER_OPTIONS: { value: ProviderId; label: string }[] = PROVIDERS.map((p) => ({ value: p.id, label: p.label }));

/** The reasoning efforts as a select's options, "default" first (the request then names none). */
export const EFFORT_OPTIONS: { value: ReasoningEffort | 'default'; label: string }[] = [
  { value: 'default', label: "Server's default" },
  ...REASONING_EFFORTS.map((e) => ({ value: e, label: e })),
];

export type Settings = {
  provider: ProviderId;
  /** Base URL and model remembered per provider, so switching back restores them. */
  endpoints: Partial<Record<ProviderId, { baseUrl: string; model: string }>>;
  /**
   * Every key the user entered, each for one role, provider and origin (core/keys/key-scope):
   * a key is only ever attached to a request to the origin it was entered for.
   */
  keys: Keyring;
  /** Only when ticked are the keys written to this device's storage. */
  rememberKeys: boolean;
  maxTokens: number;
  reasoningEffort: ReasoningEffort | 'default';
  thinkingBudget: number;
  demoTokensPerSecond: number;
  stepMode: StepMode;
  tokensPerStep: number;
  tierTargets: TierTargets;
  stepTimeoutSeconds: number;
  idleTimeoutSeconds: number;
  prompt: string;
  /** Verify the new steps every this many completed steps. */
  verifyInterval: number;
  checks: Record<CheckName, boolean>;
  /** Relative tolerance on top of rounding to the decimals shown (0 = exact). */
  arithmeticTolerance: number;
  repetitionSimilarity: number;
  lengthFactor: number;
  policy: Policy;
  checkpointEvery: number;
  checkpointSummary: 'extractive' | 'model';
  deliveryPattern: DeliveryPattern;
  judge: JudgeSettings;
  /** Offer a finished chain for a similar prompt before running. */
  cacheEnabled: boolean;
  cacheThreshold: number;
  /** 'builtin' (offline, matches wording) or an OpenAI-compatible /v1/embeddings endpoint. */
  cacheEmbedding: { kind: 'builtin' | 'endpoint'; baseUrl: string; model: string };
};

export const DEFAULT_SETTINGS: Settings = {
  provider: 'demo',
  endpoints: {},
  keys: {},
  rememberKeys: false,
  maxTokens: 8192,
  reasoningEffort: 'default',
  thinkingBudget: 4096,
  demoTokensPerSecond: 60,
  stepMode: 'paragraph',
  tokensPerStep: 50,
  tierTargets: DEFAULT_TIER_TARGETS,
  stepTimeoutSeconds: 30,
  idleTimeoutSeconds: 90,
  prompt: '',
  verifyInterval: 3,
  checks: { arithmetic: true, consistency: true, repetition: true, selfCorrection: true, timeout: true, length: true },
  arithmeticTolerance: 0,
  repetitionSimilarity: 0.9,
  lengthFactor: 5,
  policy: 'continue',
  checkpointEvery: 10,
  checkpointSummary: 'extractive',
  deliveryPattern: 'streaming',
  judge: { enabled: false, provider: 'demo', baseUrl: 'demo://local/v1', model: 'demo-judge' },
  cacheEnabled: true,
  cacheThreshold: 0.85,
  cacheEmbedding: { kind: 'builtin', baseUrl: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text' },
};

/** The valid range of each numeric setting: the fields' bounds, and what a share link is clamped to. */
export const NUMBER_LIMITS = {
  maxTokens: { min: 16, max: 1_000_000 },
  thinkingBudget: { min: 1024, max: 1_000_000 },
  tokensPerStep: { min: 5, max: 10_000 },
  demoTokensPerSecond: { min: 1, max: 100_000 },
} as const satisfies Partial<Record<keyof Settings, { min: number; max: number }>>;

export type LimitedSetting = keyof typeof NUMBER_LIMITS;

/** Rounds and clamps a numeric setting into its range; non-finite values give undefined. */
export function clampSetting(key: LimitedSetting, value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  const { min, max } = NUMBER_LIMITS[key];
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** The embeddings endpoint speaks the OpenAI-compatible format; its keys are filed under it. */
export const EMBEDDINGS_PROVIDER = 'openai-compatible';

/** The key each request may carry (core/keys/key-scope's rule), or none. */
export function modelKey(s: Pick<Settings, 'keys' | 'provider' | 'endpoints'>): string | undefined {
  return keyFor(s.keys, 'model', s.provider, endpointFor(s).baseUrl);
}
export function judgeKey(s: Pick<Settings, 'keys' | 'judge'>): string | undefined {
  return keyFor(s.keys, 'judge', s.judge.provider, s.judge.baseUrl);
}
export function embeddingsKey(s: Pick<Settings, 'keys' | 'cacheEmbedding'>): string | undefined {
  return keyFor(s.keys, 'embeddings', EMBEDDINGS_PROVIDER, s.cacheEmbedding.baseUrl);
}

type SettingsStore = Settings & {
  update: (patch: Partial<Settings>) => void;
  setEndpoint: (patch: Partial<{ baseUrl: string; model: string }>) => void;
  /** Enters (or with '' forgets) the key for this role, provider and the URL's origin. */
  setKey: (role: KeyRole, provider: string, url: string, key: string) => void;
  /** The user's yes: the key entered for `fromSlot` may also be sent to this URL's origin. */
  copyKey: (fromSlot: string, role: KeyRole, provider: string, url: string) => void;
  reset: () => void;
};

export function endpointFor(settings: Pick<Settings, 'provider' | 'endpoints'>): { baseUrl: string; model: string } {
  const preset = PROVIDERS.find((p) => p.id === settings.provider) ?? PROVIDERS[0];
  const saved = settings.endpoints[settings.provider];
  return { baseUrl: saved?.baseUrl ?? preset.defaultBaseUrl, model: saved?.model ?? preset.defaultModel };
}

export const SETTINGS_STORAGE_KEY = 'reasoning-viewer:settings';
/** The prompt is stored on its own, a moment after typing stops: it can be megabytes long. */
export const PROMPT_STORAGE_KEY = 'reasoning-viewer:prompt';
const PROMPT_WRITE_DELAY_MS = 400;

/**
 * Settings a share link set in this tab only: their values as stored before the link, which
 * is what keeps being written to storage (other tabs see no change) until the user edits them.
 */
let tabOnly: Partial<Settings> = {};

const hasStorage = () => typeof localStorage !== 'undefined';

let promptTimer: ReturnType<typeof setTimeout> | undefined;
let promptPending = false;

/** Writes the prompt now if a write is pending (on leaving the page, and for tests). */
export function flushPrompt(): void {
  clearTimeout(promptTimer);
  if (!promptPending || !hasStorage()) return;
  promptPending = false;
  if ('prompt' in tabOnly) return;
  try {
    localStorage.setItem(PROMPT_STORAGE_KEY, useSettings.getState().prompt);
  } catch {
    // A full quota: the prompt stays in memory; the rest of the settings still persist.
  }
}

function schedulePromptWrite() {
  promptPending = true;
  clearTimeout(promptTimer);
  promptTimer = setTimeout(flushPrompt, PROMPT_WRITE_DELAY_MS);
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', flushPrompt);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushPrompt();
  });
}

type PersistedV1 = Partial<Settings> & { apiKey?: string; rememberApiKey?: boolean; judge?: Partial<JudgeSettings> & { apiKey?: string } };

export const useSettings = create<SettingsStore>()(
  persist(
    (set, get) => ({
      ...DEFAULT_SETTINGS,
      update: (patch) => {
        for (const key of Object.keys(patch)) delete tabOnly[key as keyof Settings];
        set(patch);
      },
      setEndpoint: (patch) => {
        const { provider, endpoints } = get();
        set({ endpoints: { ...endpoints, [provider]: { ...endpointFor(get()), ...patch } } });
      },
      setKey: (role, provider, url, key) => set({ keys: setKey(get().keys, role, provider, url, key) }),
      copyKey: (fromSlot, role, provider, url) => set({ keys: copyKey(get().keys, fromSlot, role, provider, url) }),
      reset: () => {
        tabOnly = {};
        set({ ...DEFAULT_SETTINGS });
      },
    }),
    {
      name: SETTINGS_STORAGE_KEY,
      version: 2,
      storage: createJSONStorage(() => localStorage),
      // Keys are secrets: they stay in memory unless the user asks to remember them. The prompt
      // has its own storage entry (written when typing pauses), and a share link's settings
      // stay in this tab (their stored values are written instead).
      partialize: ({ update: _u, setEndpoint: _s, setKey: _k, copyKey: _c, reset: _r, keys, prompt: _p, ...rest }) => {
        const { prompt: _tabPrompt, ...stored } = tabOnly;
        return { ...rest, ...stored, ...(rest.rememberKeys ? { keys } : {}) };
      },
      migrate: (persisted, version) => {
        const old = (persisted ?? {}) as PersistedV1;
        if (version >= 2) return old;
        // v1 kept one API key for every endpoint and the judge's key inside `judge`; each now
        // belongs to the origin it was used with.
        const { apiKey, rememberApiKey, judge, ...rest } = old;
        const { apiKey: judgeApiKey, ...judgeRest } = judge ?? {};
        let keys: Keyring = {};
        const endpoint = endpointFor({ provider: rest.provider ?? DEFAULT_SETTINGS.provider, endpoints: rest.endpoints ?? {} });
        if (apiKey) keys = setKey(keys, 'model', rest.provider ?? DEFAULT_SETTINGS.provider, endpoint.baseUrl, apiKey);
        const j = { ...DEFAULT_SETTINGS.judge, ...judgeRest };
        if (judgeApiKey) keys = setKey(keys, 'judge', j.provider, j.baseUrl, judgeApiKey);
        return { ...rest, judge: judgeRest, rememberKeys: Boolean(rememberApiKey), ...(rememberApiKey ? { keys } : {}) };
      },
      merge: (persisted, current) => {
        const saved = (persisted ?? {}) as Partial<Settings>;
        const storedPrompt = hasStorage() ? localStorage.getItem(PROMPT_STORAGE_KEY) : null;
        return {
          ...current,
          ...saved,
          prompt: storedPrompt ?? saved.prompt ?? '',
          keys: { ...saved.keys },
          tierTargets: { ...DEFAULT_TIER_TARGETS, ...saved.tierTargets },
          checks: { ...DEFAULT_SETTINGS.checks, ...saved.checks },
          judge: { ...DEFAULT_SETTINGS.judge, ...saved.judge },
          cacheEmbedding: { ...DEFAULT_SETTINGS.cacheEmbedding, ...saved.cacheEmbedding },
        };
      },
    },
  ),
);

/**
 * Every setting but the prompt, and the actions: for the settings forms, which then do not
 * re-render on each keystroke of a (possibly very long) prompt.
 */
export function useSettingsWithoutPrompt(): Omit<SettingsStore, 'prompt'> {
  return useSettings(useShallow(({ prompt: _p, ...rest }) => rest));
}

useSettings.subscribe((state, previous) => {
  if (state.prompt !== previous.prompt) schedulePromptWrite();
});
// Settings stored by an older version kept the prompt inside them: give it its own entry.
if (hasStorage() && localStorage.getItem(PROMPT_STORAGE_KEY) === null && useSettings.getState().prompt) {
  promptPending = true;
  flushPrompt();
}

/**
 * Applies settings from a share link to this tab only: storage (and so every other tab and
 * the next visit) keeps the values it had, until the user changes one of them here.
 */
export function applyToThisTab(patch: Partial<Settings>): void {
  const state = useSettings.getState();
  for (const key of Object.keys(patch) as (keyof Settings)[]) {
    if (!(key in tabOnly)) (tabOnly as Record<string, unknown>)[key] = state[key];
  }
  useSettings.setState(patch);
}
