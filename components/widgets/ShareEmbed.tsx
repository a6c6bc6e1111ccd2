'use client';
/** "Share / embed" disclosure: the link to this exact state and an iframe snippet, each copyable. */
import { useId, useState } from 'react';
import { SITE_BASE } from '@/components/site-base';

export function ShareEmbed({ link, embed, snippet }: { link: string; embed: string; snippet: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="share">
      <button type="button" className="btn btn-small" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Share / embed
      </button>
      {open && (
        <div id={panelId} className="share-panel">
          <CopyField label="Link to exactly this view" value={link} />
          <CopyField label="Embed link (widget alone)" value={embed} />
          <CopyField label="Iframe snippet" value={snippet} multiline />
          {galleryHref(embed) && (
            <p className="share-more">
              <a href={galleryHref(embed)!}>Hide or lock controls, pick a theme and size in the widget gallery</a>
            </p>
          )}
        </div>
      )}
    </div>
  );
}

export function CopyField({ label, value, multiline }: { label: string; value: string; multiline?: boolean }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        {multiline ? <textarea id={id} readOnly value={value} rows={3} /> : <input id={id} readOnly value={value} />}
        <button type="button" className="btn btn-small" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

/** '/widgets/?build=<id>&<state>' (under the site's base path) for an embed URL '…/embed/<id>/?<state>': the gallery opens that widget's builder in this state. */
export function galleryHref(embed: string, base: string = SITE_BASE): string | null {
  const m = /\/embed\/([a-z0-9-]+)\/(?:\?(.*))?$/.exec(embed);
  return m ? `${base}widgets/?build=${m[1]}${m[2] ? `&${m[2]}` : ''}` : null;
}
