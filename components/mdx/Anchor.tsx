/**
 * Links in lesson prose. A site path ('/lessons/lora/', '/embed/utf8-bytes/') becomes a Next
 * <Link>, which adds the site's base path (next.config basePath) and navigates client-side;
 * anything else (https://…, #section, mailto:) stays a plain <a>. External links open as usual.
 */
import Link from 'next/link';
import type { AnchorHTMLAttributes } from 'react';

/** True for a path on this site: one leading slash, not '//host' (protocol-relative). */
export const isSitePath = (href: string | undefined): href is string => !!href && href.startsWith('/') && !href.startsWith('//');

export function Anchor({ href, children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  if (isSitePath(href)) {
    return (
      <Link href={href} {...rest}>
        {children}
      </Link>
    );
  }
  return (
    <a href={href} {...rest}>
      {children}
    </a>
  );
}
