import { act, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReasoningSteps } from '../../../src/features/live-viewer/ReasoningPanel';
import { useLiveRun } from '../../../src/features/live-viewer/run-store';
import { makeView, showView, T0 } from './view-fixture';

/** jsdom has no layout: the scroll box gets a height, a content height we set, and a scrollTop clamped like a browser's. */
let contentHeight = 2000;
const CLIENT = 500;
const saved: [string, PropertyDescriptor | undefined][] = [];
beforeAll(() => {
  const top = new WeakMap<Element, number>();
  const isBox = (el: Element) => el.classList.contains('reasoning-scroll');
  const define = (prop: string, descriptor: PropertyDescriptor) => {
    saved.push([prop, Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop)]);
    Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, ...descriptor });
  };
  define('clientHeight', { get: function (this: Element) { return isBox(this) ? CLIENT : 0; } });
  define('clientWidth', { get: function (this: Element) { return isBox(this) ? 800 : 0; } });
  define('scrollHeight', { get: function (this: Element) { return isBox(this) ? contentHeight : 0; } });
  define('scrollTop', {
    get: function (this: Element) { return top.get(this) ?? 0; },
    set: function (this: Element, value: number) { top.set(this, Math.max(0, Math.min(value, (isBox(this) ? contentHeight : 0) - CLIENT))); },
  });
});
afterAll(() => {
  for (const [prop, d] of saved) if (d) Object.defineProperty(HTMLElement.prototype, prop, d);
  else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[prop];
});

const box = () => screen.getByRole('group', { name: 'Reasoning steps, scrollable' });
const gap = () => contentHeight - box().scrollTop - CLIENT;
const texts = (n: number) => Array.from({ length: n }, (_, i) => `Step ${i + 1}: some reasoning.`);
const publish = (n: number, tail = '') => act(() => showView(makeView({ status: 'streaming', stepTexts: texts(n), tail, lastEventAt: T0 + n * 100 }), T0 + n * 100));

beforeEach(() => {
  contentHeight = 2000;
  useLiveRun.setState({ views: {}, order: [], viewedId: null, thinkingOpen: {}, focusStep: undefined });
});

describe('following the newest step', () => {
  it('stays at the end as steps arrive and the content grows, with no "Jump to latest"', () => {
    publish(10);
    render(<ReasoningSteps />);
    expect(gap()).toBe(0);
    for (const n of [11, 12, 13]) {
      contentHeight += 350; // a new step, a warning, Markdown growing
      publish(n, 'and then');
      expect(gap()).toBe(0);
    }
    expect(screen.queryByRole('button', { name: /Jump to latest/ })).toBeNull();
  });

  it('a scroll nobody asked for (layout, the list measuring rows) does not unpin it', () => {
    publish(10);
    render(<ReasoningSteps />);
    box().scrollTop = 900;
    fireEvent.scroll(box());
    expect(gap()).toBe(0);
    expect(screen.queryByRole('button', { name: /Jump to latest/ })).toBeNull();
  });

  it('the wheel up unpins it; new steps then leave it alone; "Jump to latest" pins it again', async () => {
    const user = userEvent.setup();
    publish(10);
    render(<ReasoningSteps />);
    fireEvent.wheel(box(), { deltaY: -200 });
    box().scrollTop = 1300;
    fireEvent.scroll(box());
    expect(screen.getByRole('button', { name: /Jump to latest/ })).toBeInTheDocument();
    contentHeight += 400;
    publish(11);
    expect(box().scrollTop).toBe(1300);
    await user.click(screen.getByRole('button', { name: /Jump to latest/ }));
    expect(gap()).toBe(0);
    expect(screen.queryByRole('button', { name: /Jump to latest/ })).toBeNull();
    contentHeight += 400;
    publish(12);
    expect(gap()).toBe(0);
  });

  it('keys unpin it too (Page Up), and scrolling back down to the end re-pins it', () => {
    publish(10);
    render(<ReasoningSteps />);
    fireEvent.keyDown(box(), { key: 'PageUp' });
    box().scrollTop = 1000;
    fireEvent.scroll(box());
    expect(screen.getByRole('button', { name: /Jump to latest/ })).toBeInTheDocument();
    fireEvent.wheel(box(), { deltaY: 600 });
    box().scrollTop = contentHeight;
    fireEvent.scroll(box());
    expect(screen.queryByRole('button', { name: /Jump to latest/ })).toBeNull();
  });
});
