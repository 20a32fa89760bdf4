import { memo } from 'react';
import ReactMarkdown, { defaultUrlTransform, type Components } from 'react-markdown';

/**
 * Model output is untrusted: raw HTML is dropped (never parsed into elements), links only
 * keep safe protocols (react-markdown's defaultUrlTransform empties javascript:, data: …),
 * open in a new tab without a referrer, and images are shown as links so a prompt-injected
 * image cannot beacon out by loading.
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
};

export function safeUrl(url: string): string {
  return defaultUrlTransform(url);
}

export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <ReactMarkdown skipHtml components={components} urlTransform={safeUrl}>
      {text}
    </ReactMarkdown>
  );
});
