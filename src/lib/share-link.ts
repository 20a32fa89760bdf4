import { create } from 'zustand';
import { keyOrigin } from '../core/keys/key-scope';
import { REASONING_EFFORTS, type ProviderId } from '../core/providers/types';
import type { StepMode } from '../core/steps/types';
import { applyToThisTab, clampSetting, endpointFor, NUMBER_LIMITS, PROVIDERS, useSettings, type LimitedSetting, type Settings } from './settings';

/**
 * Share links: `#/?prompt=…&maxTokens=…&provider=…&baseUrl=…&model=…`. A link is written by
 * anyone, so what it carries is handled as untrusted input:
 *  - its provider, endpoint and model are only a proposal, shown with "Use it" / "Ignore";
 *    nothing is saved and nothing is sent to that endpoint until the user accepts;
 *  - its other settings apply to this tab only (storage, and so other tabs, keep theirs),
 *    numbers clamped into each setting's range, the prompt cut to LINK_PROMPT_MAX characters,
 *    each change said to the user.
 */

/** Non-secret, non-endpoint settings a share link carries. */
const SHAREABLE = ['prompt', 'maxTokens', 'reasoningEffort', 'thinkingBudget', 'stepMode', 'tokensPerStep', 'demoTokensPerSecond'] as const;
const NUMERIC = ['maxTokens', 'thinkingBudget', 'tokensPerStep', 'demoTokensPerSecond'] as const satisfies readonly LimitedSetting[];
const EFFORTS = ['default', ...REASONING_EFFORTS] as const;
const STEP_MODES = ['paragraph', 'line', 'marker', 'tokens'] as const;

/** The longest prompt a link may set (a longer one is cut, and the user told). */
export const LINK_PROMPT_MAX = 100_000;
const LINK_MODEL_MAX = 200;

const LABELS: Record<(typeof NUMERIC)[number], string> = {
  maxTokens: 'Max tokens',
  thinkingBudget: 'Thinking budget',
  tokensPerStep: 'Tokens per step',
  demoTokensPerSecond: 'Demo token rate',
};

export function shareQuery(settings: Settings): string {
  const params = new URLSearchParams();
  params.set('provider', settings.provider);
  for (const key of SHAREABLE) params.set(key, String(settings[key]));
  const { baseUrl, model } = endpointFor(settings);
  params.set('baseUrl', baseUrl);
  params.set('model', model);
  return params.toString();
}

export type EndpointProposal = { provider: ProviderId; baseUrl: string; model: string };

export type ShareLink = {
  /** Applied to this tab only. */
  patch: Partial<Settings>;
  /** The link's endpoint when it differs from the current one: shown, never applied unasked. */
  proposal: EndpointProposal | null;
  /** What was cut, clamped or ignored, in words for the user. */
  notes: string[];
};

const fmt = (n: number) => n.toLocaleString('en-US');

/** Reads a share link's query; null when it carries nothing a link may set. Pure but for `current`. */
export function readShareLink(query: string, current: Pick<Settings, 'provider' | 'endpoints'>): ShareLink | null {
  const params = new URLSearchParams(query);
  const known = [...SHAREABLE, 'provider', 'baseUrl', 'model'] as readonly string[];
  if (![...params.keys()].some((k) => known.includes(k))) return null;
  const patch: Partial<Settings> = {};
  const notes: string[] = [];

  const prompt = params.get('prompt');
  if (prompt !== null) {
    patch.prompt = prompt.length > LINK_PROMPT_MAX ? prompt.slice(0, LINK_PROMPT_MAX) : prompt;
    if (prompt.length > LINK_PROMPT_MAX) notes.push(`The link's prompt was ${fmt(prompt.length)} characters long; only its first ${fmt(LINK_PROMPT_MAX)} were kept.`);
  }
  for (const key of NUMERIC) {
    const raw = params.get(key);
    if (raw === null) continue;
    const value = clampSetting(key, Number(raw));
    if (value === undefined || raw.trim() === '') {
      notes.push(`${LABELS[key]} from the link (${raw.slice(0, 40)}) is not a number; ignored.`);
      continue;
    }
    patch[key] = value;
    const { min, max } = NUMBER_LIMITS[key];
    const asked = Number(raw);
    if (asked < min || asked > max) notes.push(`${LABELS[key]} from the link (${raw.slice(0, 40)}) is outside ${fmt(min)}–${fmt(max)}; set to ${fmt(value)}.`);
  }
  const effort = params.get('reasoningEffort');
  if (effort && (EFFORTS as readonly string[]).includes(effort)) patch.reasoningEffort = effort as Settings['reasoningEffort'];
  const mode = params.get('stepMode');
  if (mode && (STEP_MODES as readonly string[]).includes(mode)) patch.stepMode = mode as StepMode;

  return { patch, proposal: endpointProposal(params, current, notes), notes };
}

function endpointProposal(params: URLSearchParams, current: Pick<Settings, 'provider' | 'endpoints'>, notes: string[]): EndpointProposal | null {
  const rawProvider = params.get('provider');
  const rawUrl = params.get('baseUrl');
  const rawModel = params.get('model');
  if (rawProvider === null && rawUrl === null && rawModel === null) return null;
  let provider = current.provider;
  if (rawProvider !== null) {
    if (PROVIDERS.some((p) => p.id === rawProvider)) provider = rawProvider as ProviderId;
    else notes.push(`The link's provider (${rawProvider.slice(0, 40)}) is not one this app knows; ignored.`);
  }
  const saved = endpointFor({ provider, endpoints: current.endpoints });
  let baseUrl = saved.baseUrl;
  if (provider !== 'demo' && rawUrl !== null) {
    if (keyOrigin(rawUrl)) baseUrl = rawUrl.trim();
    else notes.push(`The link's endpoint (${rawUrl.slice(0, 80)}) is not an http(s) address; ignored.`);
  }
  const model = rawModel !== null ? rawModel.slice(0, LINK_MODEL_MAX) : saved.model;
  const now = endpointFor(current);
  if (provider === current.provider && baseUrl === now.baseUrl && model === now.model) return null;
  return { provider, baseUrl, model };
}

type LinkState = { proposal: EndpointProposal | null; notes: string[] };

/** The link this tab was opened with: its pending endpoint proposal and what was changed. */
export const useShareLink = create<LinkState>()(() => ({ proposal: null, notes: [] }));

/** Opens a share link: its settings apply to this tab, its endpoint waits for the user's yes. */
export function openShareLink(query: string): void {
  const link = readShareLink(query, useSettings.getState());
  if (!link) return;
  if (Object.keys(link.patch).length) applyToThisTab(link.patch);
  useShareLink.setState({ proposal: link.proposal, notes: link.notes });
}

/** The user accepted the link's endpoint: it becomes the setting (stored, like any choice). */
export function acceptProposal(): void {
  const { proposal } = useShareLink.getState();
  if (!proposal) return;
  const { endpoints, update } = useSettings.getState();
  update({ provider: proposal.provider, endpoints: { ...endpoints, [proposal.provider]: { baseUrl: proposal.baseUrl, model: proposal.model } } });
  useShareLink.setState({ proposal: null });
}

export function ignoreProposal(): void {
  useShareLink.setState({ proposal: null });
}

export function dismissLinkNotes(): void {
  useShareLink.setState({ notes: [] });
}
