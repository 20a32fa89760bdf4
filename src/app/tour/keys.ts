/** What a key does while the guided demo runs. */
export type TourKeyAction = 'next' | 'back' | 'end';

/** Where the key was pressed, as far as the tour cares. */
export type KeyFocus = {
  /** Focus is in a field that takes text or arrows (textarea, text input, select, range). */
  typing: boolean;
  /** Focus is on something Space activates (button, link, checkbox, summary). */
  activatable: boolean;
  /** A modal dialog is open: its keys are its own. */
  dialogOpen: boolean;
};

type Key = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/**
 * → / Space / PageDown advance, ← / PageUp go back, Esc ends. A presenter's clicker sends
 * PageDown / PageUp. Keys meant for a field, a focused button or a dialog are left alone.
 */
export function tourKeyAction(e: Key, focus: KeyFocus): TourKeyAction | null {
  if (focus.dialogOpen || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === 'Escape') return 'end';
  if (focus.typing) return null;
  switch (e.key) {
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case ' ':
      return focus.activatable || e.shiftKey ? null : 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'back';
    default:
      return null;
  }
}

const NOT_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color']);

/** Reads the focus facts `tourKeyAction` needs from the event's target. */
export function keyFocus(target: EventTarget | null, doc: Document): KeyFocus {
  const el = target instanceof Element ? target : null;
  const tag = el?.tagName ?? '';
  const inputType = tag === 'INPUT' ? ((el as HTMLInputElement).type || 'text') : '';
  const typing = !!el && ((el as HTMLElement).isContentEditable || tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && !NOT_TEXT_INPUTS.has(inputType)));
  const activatable = !!el && (tag === 'BUTTON' || tag === 'SUMMARY' || (tag === 'A' && el.hasAttribute('href')) || (tag === 'INPUT' && NOT_TEXT_INPUTS.has(inputType)) || el.getAttribute('role') === 'button');
  const disabled = !!el && (el as HTMLButtonElement).disabled === true;
  return { typing, activatable: activatable && !disabled, dialogOpen: !!doc.querySelector('dialog[open]') };
}
