import { useEffect, useRef, useState } from 'react';
import { useSettings } from '../../lib/settings';
import { EXAMPLE_QUESTION } from '../../core/demo/example-chains';

/**
 * The prompt field is uncontrolled: a controlled <textarea> rewrites its whole text (React sets
 * defaultValue) on every keystroke, which for a long prompt is real work each time. Typing goes
 * to the store; a prompt set from elsewhere (a share link, the guided demo) is written back here.
 * Nothing subscribes to the prompt for rendering, so typing re-renders nothing.
 */
export function PromptBox({ id, ref, describedBy, onType }: { id: string; ref: React.RefObject<HTMLTextAreaElement | null>; describedBy?: string; onType?: () => void }) {
  const [initial] = useState(() => useSettings.getState().prompt);
  const typed = useRef(initial);
  useEffect(
    () =>
      useSettings.subscribe((s) => {
        if (s.prompt === typed.current || !ref.current) return;
        typed.current = s.prompt;
        ref.current.value = s.prompt;
      }),
    [ref],
  );
  return (
    <textarea
      id={id}
      ref={ref}
      defaultValue={initial}
      rows={3}
      placeholder={`Ask something that needs thinking, e.g. “${EXAMPLE_QUESTION}”`}
      aria-describedby={describedBy}
      onChange={(e) => {
        typed.current = e.target.value;
        onType?.();
        useSettings.getState().update({ prompt: typed.current });
      }}
    />
  );
}
