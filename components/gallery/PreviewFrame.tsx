'use client';
/**
 * A live widget preview: an iframe of its embed page, loaded lazily (only near the viewport), whose
 * height follows the page's `llm-lab:height` messages (matched by event.source, same origin only),
 * up to `maxHeight` (then it scrolls inside). `width`: '100%' or CSS px (never wider than the column).
 */
import { useEffect, useRef, useState } from 'react';

/** = EmbedFrame's HEIGHT_MESSAGE (not imported: that would pull the embed frame into the gallery's bundle). */
const HEIGHT_MESSAGE = 'llm-lab:height';

export function PreviewFrame({ src, title, height, width = '100%', maxHeight = 900, fixed = false }: {
  src: string;
  title: string;
  height: number;
  width?: number | '100%';
  maxHeight?: number;
  /** Keep `height` (the builder's chosen size) instead of following the widget's messages. */
  fixed?: boolean;
}) {
  const ref = useRef<HTMLIFrameElement>(null);
  const [auto, setAuto] = useState<number | null>(null);
  useEffect(() => {
    if (fixed) return;
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== window.location.origin || e.source !== ref.current?.contentWindow) return;
      const d = e.data as { type?: unknown; height?: unknown } | null;
      if (d && d.type === HEIGHT_MESSAGE && typeof d.height === 'number' && Number.isFinite(d.height)) setAuto(Math.max(80, Math.min(maxHeight, Math.round(d.height))));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [fixed, maxHeight]);
  return (
    <iframe
      ref={ref}
      className="gallery-preview"
      src={src}
      title={title}
      loading="lazy"
      style={{ width: width === '100%' ? '100%' : `${width}px`, height: fixed ? height : (auto ?? height) }}
    />
  );
}
