import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ProviderId, ReasoningEffort } from '../core/providers/types';
import type { StepMode } from '../core/steps/types';
import { DEFAULT_TIER_TARGETS, type TierTargets } from '../core/run/tiers';
import type { CheckName } from '../core/verify';

export type Policy = 'continue' | 'pause' | 'self-correct' | 'stop';
export type DeliveryPattern = 'streaming' | 'sync' | 'async' | 'chunked';

export type JudgeSettings = {
  enabled: boolean;
  provider: ProviderId;
  baseUrl: string;
  model: string;
  /** Kept in memory only, like the main key. */
  apiKey: string;
};

export const PROVIDERS: { id: ProviderId; label: string; defaultBaseUrl: string; defaultModel: string }[] = [
  { id: 'demo', label: 'Demo', defaultBaseUrl: 'demo://local/v1', defaultModel: 'demo-reasoner' },
  { id: 'openai-compatible', label: 'OpenAI-compatible', defaultBaseUrl: 'http://127.0.0.1:8000/v1', defaultModel: '' },
  { id: 'anthropic', label: 'Anthropic', defaultBaseUrl: 'https://api.anthropic.com/v1', defaultModel: 'claude-sonnet-4-5' },
  { id: 'ollama', label: 'Ollama', defaultBaseUrl: 'http://127.0.0.1:11434', defaultModel: '' },
  { id: 'openai-responses', label: 'OpenAI Responses', defaultBaseUrl: 'https://api.openai.com/v1', defaultModel: 'o4-mini' },
];

export type Settings = {
  provider: ProviderId;
  /** Base URL and model remembered per provider, so switching back restores them. */
  endpoints: Partial<Record<ProviderId, { baseUrl: string; model: string }>>;
  apiKey: string;
  /** Only when ticked is the API key written to this device's storage. */
  rememberApiKey: boolean;
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
  apiKey: '',
  rememberApiKey: false,
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
  judge: { enabled: false, provider: 'demo', baseUrl: 'demo://local/v1', model: 'demo-judge', apiKey: '' },
  cacheEnabled: true,
  cacheThreshold: 0.85,
  cacheEmbedding: { kind: 'builtin', baseUrl: 'http://127.0.0.1:11434/v1', model: 'nomic-embed-text' },
};

type SettingsStore = Settings & {
  update: (patch: Partial<Settings>) => void;
  setEndpoint: (patch: Partial<{ baseUrl: string; model: string }>) => void;
  reset: () => void;
};

export function endpointFor(settings: Pick<Settings, 'provider' | 'endpoints'>): { baseUrl: string; model: string } {
  const preset = PROVIDERS.find((p) => p.id === settings.provider) ?? PROVIDERS[0];
  const saved = settings.endpoints[settings.provider];
  return { baseUrl: saved?.baseUrl ?? preset.defaultBaseUrl, model: saved?.model ?? preset.defaultModel };
}

export const SETTINGS_STORAGE_KEY = 'reasoning-viewer:settings';

export const useSettings = create<SettingsStore>()(
  persist(
    (set, get) => ({
      ...DEFAULT_SETTINGS,
      update: (patch) => set(patch),
      setEndpoint: (patch) => {
        const { provider, endpoints } = get();
        set({ endpoints: { ...endpoints, [provider]: { ...endpointFor(get()), ...patch } } });
      },
      reset: () => set({ ...DEFAULT_SETTINGS }),
    }),
    {
      name: SETTINGS_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // The API key is a secret: it stays in memory unless the user asks to remember it.
      partialize: ({ update: _u, setEndpoint: _s, reset: _r, apiKey, judge, ...rest }) =>
        rest.rememberApiKey ? { ...rest, apiKey, judge } : { ...rest, judge: { ...judge, apiKey: '' } },
      merge: (persisted, current) => {
        const saved = (persisted ?? {}) as Partial<Settings>;
        return {
          ...current,
          ...saved,
          tierTargets: { ...DEFAULT_TIER_TARGETS, ...saved.tierTargets },
          checks: { ...DEFAULT_SETTINGS.checks, ...saved.checks },
          judge: { ...DEFAULT_SETTINGS.judge, ...saved.judge },
          cacheEmbedding: { ...DEFAULT_SETTINGS.cacheEmbedding, ...saved.cacheEmbedding },
        };
      },
    },
  ),
);

/** Non-secret settings a share link carries. */
const SHAREABLE = ['provider', 'prompt', 'maxTokens', 'reasoningEffort', 'thinkingBudget', 'stepMode', 'tokensPerStep', 'demoTokensPerSecond'] as const;

export function shareQuery(settings: Settings): string {
  const params = new URLSearchParams();
  for (const key of SHAREABLE) params.set(key, String(settings[key]));
  const { baseUrl, model } = endpointFor(settings);
  params.set('baseUrl', baseUrl);
  params.set('model', model);
  return params.toString();
}

/** Reads a share link's query; unknown keys and secrets are ignored. */
export function settingsFromQuery(query: string, current: Settings): Partial<Settings> | null {
  const params = new URLSearchParams(query);
  if (![...params.keys()].some((k) => (SHAREABLE as readonly string[]).includes(k) || k === 'baseUrl' || k === 'model')) return null;
  const patch: Partial<Settings> = {};
  const provider = params.get('provider') as ProviderId | null;
  if (provider && PROVIDERS.some((p) => p.id === provider)) patch.provider = provider;
  const prompt = params.get('prompt');
  if (prompt !== null) patch.prompt = prompt;
  const num = (key: 'maxTokens' | 'thinkingBudget' | 'tokensPerStep' | 'demoTokensPerSecond') => {
    const v = Number(params.get(key));
    if (params.has(key) && Number.isFinite(v) && v > 0) patch[key] = v;
  };
  num('maxTokens');
  num('thinkingBudget');
  num('tokensPerStep');
  num('demoTokensPerSecond');
  const effort = params.get('reasoningEffort');
  if (effort && ['default', 'none', 'minimal', 'low', 'medium', 'high', 'max'].includes(effort)) patch.reasoningEffort = effort as Settings['reasoningEffort'];
  const mode = params.get('stepMode');
  if (mode && ['paragraph', 'line', 'marker', 'tokens'].includes(mode)) patch.stepMode = mode as StepMode;
  const baseUrl = params.get('baseUrl');
  const model = params.get('model');
  if (baseUrl !== null || model !== null) {
    const p = patch.provider ?? current.provider;
    const existing = endpointFor({ provider: p, endpoints: current.endpoints });
    patch.endpoints = { ...current.endpoints, [p]: { baseUrl: baseUrl ?? existing.baseUrl, model: model ?? existing.model } };
  }
  return patch;
}
