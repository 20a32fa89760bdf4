import { memo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { normalizeMath } from '../core/markdown/math';

/**
 * Model output is untrusted: raw HTML is dropped (never parsed into elements); a link stays a
 * link only with an absolute http(s) or mailto address (no relative `#/?…` links into the app,
 * which could carry settings, and no other scheme), opens in a new tab without a referrer, and
 * shows its destination host when its text does not; images are shown as links so a
 * prompt-injected image cannot beacon out by loading.
 *
 * GitHub-flavoured Markdown (tables, task lists, strikethrough) is parsed by remark-gfm; math is
 * kept verbatim as TeX in a code element (no typesetter: readable, and nothing to load).
 */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  if (!/^(https?|mailto):/i.test(trimmed)) return '';
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === 'mailto:' || parsed.hostname ? trimmed : '';
  } catch {
    return '';
  }
}

/** Where a link goes, as the user should see it: the host, or the address of a mailto link. */
export function linkDestination(href: string): string {
  const url = new URL(href);
  return url.protocol === 'mailto:' ? decodeURIComponent(url.pathname) : url.host;
}

/** True when the link's text already names where it goes (it is that URL, host or address). */
function textShowsDestination(text: string, href: string): boolean {
  const shown = text.trim().toLowerCase();
  const destination = linkDestination(href).toLowerCase();
  if (!shown) return false;
  if (shown === destination || shown === `mailto:${destination}`) return true;
  try {
    // "example.com/a", "www.example.com" or "https://example.com/a" for https://example.com/b.
    const asUrl = new URL(/^[a-z][a-z0-9+.-]*:/.test(shown) ? shown : `https://${shown}`);
    return asUrl.host === destination;
  } catch {
    return false;
  }
}

type HastNode = { type: string; value?: string; children?: HastNode[] };
const textOf = (node: HastNode | undefined): string => (node ? (node.value ?? '') + (node.children ?? []).map(textOf).join('') : '');

const components: Components = {
  a: ({ href, children, node }) => {
    if (!href) return <span>{children}</span>;
    const destination = textShowsDestination(textOf(node as HastNode | undefined), href) ? null : linkDestination(href);
    return (
      <>
        <a href={href} target="_blank" rel="noopener noreferrer nofollow">
          {children}
        </a>
        {destination && <span className="link-host"> ({destination})</span>}
      </>
    );
  },
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <>
        <a href={src} target="_blank" rel="noopener noreferrer nofollow">
          [image: {alt || src}]
        </a>
        <span className="link-host"> ({linkDestination(src)})</span>
      </>
    ) : (
      <span>[image: {alt}]</span>
    ),
  // A wide table scrolls inside itself rather than widening the page (phones).
  table: ({ children }) => (
    <div className="md-table-scroll" tabIndex={0} role="region" aria-label="Table">
      <table>{children}</table>
    </div>
  ),
};

// Single-dollar math is off: normalizeMath decides which `$` are math (prices are not).
const remarkPlugins = [remarkGfm, [remarkMath, { singleDollarTextMath: false }]] as NonNullable<React.ComponentProps<typeof ReactMarkdown>['remarkPlugins']>;

/**
 * One line that no Markdown rule can touch: it starts with a letter (no list, heading, quote or
 * rule) and holds no character that opens inline markup, an entity, math or a table cell, no
 * autolink (`www.`, `://`, an address with `@`) and no control character. Such text renders as
 * one paragraph of itself, so it skips the parser: a fast stream mounts dozens of steps a frame.
 */
// Control characters are what the class must exclude (the parser rewrites NUL, and tabs indent).
// eslint-disable-next-line no-control-regex
const PLAIN_LINE = /^\p{L}[^\\`*_[\]<>&~|$@\u0000-\u001f\u007f]*$/u;
const AUTOLINK = /www\.|:\/\//i;

export function isPlainLine(text: string): boolean {
  return PLAIN_LINE.test(text) && !AUTOLINK.test(text) && text.trimEnd() === text;
}

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  if (isPlainLine(text)) return <p>{text}</p>;
  return (
    <ReactMarkdown skipHtml remarkPlugins={remarkPlugins} components={components} urlTransform={safeUrl}>
      {normalizeMath(text)}
    </ReactMarkdown>
  );
});
