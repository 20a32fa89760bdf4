import { describe, expect, it } from 'vitest';
import { keyFocus, tourKeyAction, type KeyFocus } from '../../../src/app/tour/keys';

const free: KeyFocus = { typing: false, activatable: false, dialogOpen: false };
const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('tourKeyAction', () => {
  it('advances on →, Space and PageDown (a clicker), goes back on ← and PageUp, ends on Esc', () => {
    expect(['ArrowRight', ' ', 'PageDown'].map((k) => tourKeyAction(key(k), free))).toEqual(['next', 'next', 'next']);
    expect(['ArrowLeft', 'PageUp'].map((k) => tourKeyAction(key(k), free))).toEqual(['back', 'back']);
    expect(tourKeyAction(key('Escape'), free)).toBe('end');
    expect(['Enter', 'a', 'ArrowDown', 'Tab'].map((k) => tourKeyAction(key(k), free))).toEqual([null, null, null, null]);
  });

  it('leaves keys to a field being typed in, except Esc', () => {
    const typing = { ...free, typing: true };
    expect(['ArrowRight', ' ', 'PageDown', 'ArrowLeft', 'PageUp'].map((k) => tourKeyAction(key(k), typing))).toEqual([null, null, null, null, null]);
    expect(tourKeyAction(key('Escape'), typing)).toBe('end');
  });

  it('lets Space press a focused button, while arrows still step', () => {
    const onButton = { ...free, activatable: true };
    expect(tourKeyAction(key(' '), onButton)).toBeNull();
    expect(tourKeyAction(key('ArrowRight'), onButton)).toBe('next');
  });

  it('ignores everything while a dialog is open, and shortcuts with modifiers', () => {
    const dialog = { ...free, dialogOpen: true };
    expect(['ArrowRight', 'Escape', ' '].map((k) => tourKeyAction(key(k), dialog))).toEqual([null, null, null]);
    expect(tourKeyAction(key('ArrowRight', { ctrlKey: true }), free)).toBeNull();
    expect(tourKeyAction(key('ArrowLeft', { altKey: true }), free)).toBeNull();
    expect(tourKeyAction(key(' ', { shiftKey: true }), free)).toBeNull();
  });
});

describe('keyFocus', () => {
  it('tells text fields from things Space activates', () => {
    document.body.innerHTML = `<textarea id="t"></textarea><input id="text"><input id="range" type="range"><select id="s"></select>
      <input id="c" type="checkbox"><button id="b">b</button><button id="d" disabled>d</button><a id="a" href="#x">a</a><div id="plain"></div>`;
    const at = (id: string) => keyFocus(document.getElementById(id), document);
    for (const id of ['t', 'text', 'range', 's']) expect(at(id), id).toMatchObject({ typing: true, activatable: false });
    for (const id of ['c', 'b', 'a']) expect(at(id), id).toMatchObject({ typing: false, activatable: true });
    expect(at('d')).toMatchObject({ typing: false, activatable: false });
    expect(at('plain')).toEqual({ typing: false, activatable: false, dialogOpen: false });
    expect(keyFocus(window, document)).toEqual({ typing: false, activatable: false, dialogOpen: false });
  });

  it('sees an open dialog', () => {
    document.body.innerHTML = '<dialog open><p>x</p></dialog>';
    expect(keyFocus(document.body, document).dialogOpen).toBe(true);
  });
});
