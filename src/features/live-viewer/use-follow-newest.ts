import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** A scroll this close to the end counts as "at the newest step". */
const AT_END_PX = 2;
/** A scroll event this soon after a wheel, touch or key press is the reader's own. */
const GESTURE_MS = 400;
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

const distanceToEnd = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight;

/**
 * Keeps a scroll box pinned to its end (the newest step) until the reader scrolls up with the
 * wheel, a touch, a key or the scroll bar. Nothing else unpins it: not our own scrolling, not the
 * list measuring its rows, not content growing or shrinking (a warning, Markdown, the last step
 * closing), since those scroll events come without a gesture. While pinned, every render and
 * every size change of the box or its content puts it back at the end.
 */
export function useFollowNewest(onReaderScrolledUp?: () => void) {
  const readerCallback = useRef(onReaderScrolledUp);
  useEffect(() => {
    readerCallback.current = onReaderScrolledUp;
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const gestureAt = useRef(Number.NEGATIVE_INFINITY);
  const dragging = useRef(false);
  const touchY = useRef<number | undefined>(undefined);
  const [showJump, setShowJump] = useState(false);

  const stick = useCallback(() => {
    const el = scrollRef.current;
    if (el && pinned.current && distanceToEnd(el) > 0.5) el.scrollTop = el.scrollHeight;
  }, []);

  const setPinned = useCallback((value: boolean) => {
    pinned.current = value;
    setShowJump(!value);
  }, []);

  const unpin = useCallback(() => setPinned(false), [setPinned]);

  const jumpToLatest = useCallback(() => {
    setPinned(true);
    stick();
  }, [setPinned, stick]);

  // Every render (new steps, the live tail, rows measured by the virtualizer) while pinned.
  useLayoutEffect(() => stick());

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const gesture = () => (gestureAt.current = performance.now());
    const readerUnpins = () => {
      if (pinned.current) readerCallback.current?.();
      setPinned(false);
    };
    const byReader = () => dragging.current || performance.now() - gestureAt.current < GESTURE_MS;
    const onWheel = (e: WheelEvent) => {
      gesture();
      if (e.deltaY < 0 && el.scrollTop > 0) readerUnpins();
    };
    const onTouchStart = (e: TouchEvent) => {
      gesture();
      touchY.current = e.touches[0]?.clientY;
    };
    const onTouchMove = (e: TouchEvent) => {
      gesture();
      const y = e.touches[0]?.clientY;
      // The finger moving down drags the content down: the reader goes back up.
      if (y !== undefined && touchY.current !== undefined && y > touchY.current + 2 && el.scrollTop > 0) readerUnpins();
      touchY.current = y;
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (!SCROLL_KEYS.has(e.key)) return;
      gesture();
      if ((UP_KEYS.has(e.key) || (e.key === ' ' && e.shiftKey)) && el.scrollTop > 0) readerUnpins();
    };
    // A press on the box itself (not on a step) is the scroll bar.
    const onPointerDown = (e: PointerEvent) => {
      if (e.target === el) dragging.current = true;
    };
    const onPointerUp = () => {
      if (dragging.current) gesture();
      dragging.current = false;
    };
    const onScroll = () => {
      if (byReader()) {
        const atEnd = distanceToEnd(el) <= AT_END_PX;
        if (atEnd && !pinned.current) setPinned(true);
        else if (!atEnd && pinned.current) readerUnpins();
      } else stick();
    };
    const content = contentRef.current;
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(() => stick()) : undefined;
    resize?.observe(el);
    if (content) resize?.observe(content);
    el.addEventListener('wheel', onWheel, { passive: true });
    el.addEventListener('touchstart', onTouchStart, { passive: true });
    el.addEventListener('touchmove', onTouchMove, { passive: true });
    el.addEventListener('keydown', onKeyDown);
    el.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('pointerup', onPointerUp);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      resize?.disconnect();
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('touchstart', onTouchStart);
      el.removeEventListener('touchmove', onTouchMove);
      el.removeEventListener('keydown', onKeyDown);
      el.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('pointerup', onPointerUp);
      el.removeEventListener('scroll', onScroll);
    };
  }, [setPinned, stick]);

  return { scrollRef, contentRef, showJump, jumpToLatest, unpin };
}
