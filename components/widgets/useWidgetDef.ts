'use client';
import { useEffect, useState } from 'react';
import { hasWidget, loadWidget } from './registry';
import type { AnyWidgetDef } from './types';

/**
 * A widget's def by id, loaded on demand: `undefined` while its (small) chunk loads, `null` for an
 * id that is not registered, else the def.
 */
export function useWidgetDef(id: string): AnyWidgetDef | null | undefined {
  const [def, setDef] = useState<{ id: string; def: AnyWidgetDef } | null>(null);
  useEffect(() => {
    let live = true;
    loadWidget(id)?.then((d) => {
      if (live) setDef({ id, def: d });
    });
    return () => {
      live = false;
    };
  }, [id]);
  if (!hasWidget(id)) return null;
  return def?.id === id ? def.def : undefined;
}
