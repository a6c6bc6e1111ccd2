/** h2/h3 with stable ids (same slugify as the table of contents) and a hover anchor. */
import { Children, isValidElement, type ReactNode } from 'react';
import { slugify } from '@/lib/text/slug';

/** Plain text of a React tree: textOf(<>a <code>b</code></>) → "a b". */
export function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return Children.toArray(node).map(textOf).join('');
}

function heading(Tag: 'h2' | 'h3') {
  return function Heading({ children }: { children?: ReactNode }) {
    const id = slugify(textOf(children));
    return (
      <Tag id={id}>
        {children}
        <a className="anchor" href={`#${id}`} aria-label={`Link to this section`}>
          #
        </a>
      </Tag>
    );
  };
}

export const H2 = heading('h2');
export const H3 = heading('h3');
