import { memo } from 'react';
import ReactMarkdown, { defaultUrlTransform, type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { normalizeMath } from '../core/markdown/math';

/**
 * Model output is untrusted: raw HTML is dropped (never parsed into elements), links only
 * keep safe protocols (react-markdown's defaultUrlTransform empties javascript:, data: …),
 * open in a new tab without a referrer, and images are shown as links so a prompt-injected
 * image cannot beacon out by loading.
 *
 * GitHub-flavoured Markdown (tables, task lists, strikethrough) is parsed by remark-gfm; math is
 * kept verbatim as TeX in a code element (no typesetter: readable, and nothing to load).
 */
const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow">
        [image: {alt || src}]
      </a>
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

export function safeUrl(url: string): string {
  return defaultUrlTransform(url);
}

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <ReactMarkdown skipHtml remarkPlugins={remarkPlugins} components={components} urlTransform={safeUrl}>
      {normalizeMath(text)}
    </ReactMarkdown>
  );
});
