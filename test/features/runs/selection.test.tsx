import { describe, expect, it } from 'vitest';
import { isSelected, useRunsUi } from '../../../src/features/runs/runs-store';

describe('run selection', () => {
  it('"select all" is a flag: no list of ids is built, and unticking one run makes it an exception', () => {
    useRunsUi.getState().selectAll();
    let s = useRunsUi.getState();
    expect(s.allSelected).toBe(true);
    expect(s.selected.size).toBe(0);
    expect(isSelected(s, 'any-run')).toBe(true);
    useRunsUi.getState().toggle('run-7');
    s = useRunsUi.getState();
    expect(isSelected(s, 'run-7')).toBe(false);
    expect(isSelected(s, 'run-8')).toBe(true);
    useRunsUi.getState().setSelected(['run-1']);
    s = useRunsUi.getState();
    expect(s.allSelected).toBe(false);
    expect(isSelected(s, 'run-1')).toBe(true);
    expect(isSelected(s, 'run-8')).toBe(false);
  });
});
