import { memo, useState } from 'react';
import { Markdown } from './Markdown';

/** Up to this many characters a text renders as Markdown; a longer one shows its start as plain text. */
export const LONG_TEXT_PREVIEW_CHARS = 20_000;
/** The same for one step of a chain, of which many are on screen at once. */
export const LONG_STEP_PREVIEW_CHARS = 4000;
const MORE_CHARS = 200_000;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Model output of any length without freezing the page: short text as Markdown, very long text
 * (a runaway step, a megabytes-long answer) as its first part in plain text with "Show more"
 * and "Show all", so parsing and layout never take the whole text at once unasked.
 */
export const LongText = memo(function LongText({
  text,
  label = 'text',
  markdown = true,
  preview = LONG_TEXT_PREVIEW_CHARS,
}: {
  text: string;
  label?: string;
  markdown?: boolean;
  /** Characters shown before "Show more" (steps are many, so each shows less). */
  preview?: number;
}) {
  const [shown, setShown] = useState(preview);
  if (text.length <= preview) return markdown ? <Markdown text={text} /> : <>{text}</>;
  const rest = text.length - shown;
  return (
    <div className="long-text">
      <div className="long-text-body">
        {text.slice(0, shown)}
        {rest > 0 ? '…' : ''}
      </div>
      {rest > 0 && (
        <p className="long-text-more">
          Showing {count(shown)} of {count(text.length)} characters of this {label}.{' '}
          <button type="button" className="button-quiet" onClick={() => setShown((n) => n + MORE_CHARS)}>
            Show {count(Math.min(MORE_CHARS, rest))} more
          </button>{' '}
          <button type="button" className="button-quiet" onClick={() => setShown(text.length)}>
            Show all
          </button>
        </p>
      )}
    </div>
  );
});
