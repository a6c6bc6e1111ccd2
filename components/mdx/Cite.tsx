/**
 * An inline reference: <Cite href="https://www.rfc-editor.org/rfc/rfc3629" authors="Yergeau" year="2003" title="UTF-8, a transformation format of ISO 10646" />
 * renders "(Yergeau, 2003)" linking to the source, with the title as its accessible name.
 */
export function Cite({ href, authors, year, title }: { href: string; authors: string; year: string | number; title: string }) {
  return (
    <cite className="cite">
      (
      <a href={href} title={title} target="_blank" rel="noopener noreferrer">
        {authors}, {year}
        <span className="sr-only"> — {title}</span>
      </a>
      )
    </cite>
  );
}
