import { Anchor } from '@mantine/core';
import Markdown, { type Components } from 'react-markdown';
import classes from './comments.module.css';

/**
 * Links open in a new tab without handing it this page (`noopener`); an image is shown as a link to
 * it, never loaded (no tracking pixels, nothing fetched from elsewhere by reading a comment).
 */
const components: Components = {
  a: ({ href, children }) => (
    <Anchor href={href} target="_blank" rel="noopener noreferrer nofollow" size="sm">
      {children}
    </Anchor>
  ),
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <Anchor href={src} target="_blank" rel="noopener noreferrer nofollow" size="sm">
        {alt || src}
      </Anchor>
    ) : (
      (alt ?? null)
    ),
};

/**
 * A comment's Markdown, rendered safely: raw HTML in the text (`<script>`, `<img onerror>`) is shown as
 * the text it is, never parsed into elements (react-markdown without rehype-raw); no `dangerouslySetInnerHTML`.
 */
export function CommentMarkdown({ body }: { body: string }) {
  return (
    <div className={classes.markdown} data-testid="comment-body">
      {/* The default URL rule keeps http(s), mailto and relative links; `javascript:` and `data:` become empty. */}
      <Markdown components={components}>{body}</Markdown>
    </div>
  );
}
