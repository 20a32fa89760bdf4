import { create } from 'zustand';
import type { ProviderId } from '../../core/providers/types';
import type { RunFilter, RunRecord } from '../../core/stored-runs';

/** The Runs page's client state: filters, selection and the run being replayed (ids only). */
export type RunFilters = {
  status: '' | RunRecord['status'];
  provider: string;
  model: string;
  tier: '' | RunRecord['tier'];
  batchId: string;
  /** yyyy-mm-dd (local), inclusive. */
  from: string;
  to: string;
  text: string;
};

export const EMPTY_FILTERS: RunFilters = { status: '', provider: '', model: '', tier: '', batchId: '', from: '', to: '', text: '' };

type RunsUiState = {
  filters: RunFilters;
  /**
   * "Select all" is a flag, not a list of 100,000 ids: with `allSelected` every run the filters
   * show is selected except those in `selected`; without it, only those in `selected` are.
   */
  allSelected: boolean;
  selected: ReadonlySet<string>;
  openRunId: string | null;
  /** Two stored runs opened side by side (left, right). */
  compareIds: readonly [string, string] | null;
  setFilter: <K extends keyof RunFilters>(key: K, value: RunFilters[K]) => void;
  resetFilters: () => void;
  toggle: (id: string) => void;
  setSelected: (ids: Iterable<string>) => void;
  selectAll: () => void;
  open: (id: string | null) => void;
  compare: (ids: readonly [string, string] | null) => void;
};

export const useRunsUi = create<RunsUiState>()((set) => ({
  filters: EMPTY_FILTERS,
  allSelected: false,
  selected: new Set(),
  openRunId: null,
  compareIds: null,
  setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value } })),
  resetFilters: () => set({ filters: EMPTY_FILTERS }),
  toggle: (id) =>
    set((s) => {
      const selected = new Set(s.selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      return { selected };
    }),
  setSelected: (ids) => set({ allSelected: false, selected: new Set(ids) }),
  selectAll: () => set({ allSelected: true, selected: new Set() }),
  open: (id) => set({ openRunId: id }),
  compare: (ids) => set({ compareIds: ids }),
}));

const dayStart = (d: string) => new Date(`${d}T00:00:00`).getTime();
const dayEnd = (d: string) => new Date(`${d}T23:59:59.999`).getTime();

/** The page's filter inputs as a core RunFilter (empty input = any). */
export function toRunFilter(f: RunFilters): RunFilter {
  const out: RunFilter = {};
  if (f.status) out.status = f.status;
  if (f.provider) out.provider = f.provider as ProviderId;
  if (f.model) out.model = f.model;
  if (f.tier) out.tier = f.tier;
  if (f.batchId) out.batchId = f.batchId;
  if (f.from && Number.isFinite(dayStart(f.from))) out.from = dayStart(f.from);
  if (f.to && Number.isFinite(dayEnd(f.to))) out.to = dayEnd(f.to);
  if (f.text.trim()) out.text = f.text;
  return out;
}

/** Whether one run is selected under the flag-plus-exceptions selection. */
export const isSelected = (s: Pick<RunsUiState, 'allSelected' | 'selected'>, id: string): boolean => s.allSelected !== s.selected.has(id);
