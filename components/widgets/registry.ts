/**
 * Every widget of the lab, by id. Adding a widget = create components/widgets/<id>/index.ts
 * exporting a WidgetDef (see README.md here), then add ONE line below: `'<id>': () => import('./<id>'),`.
 *
 * Each def (schema, title, lazy component) is loaded on demand, so a page ships only the defs of
 * the widgets it shows: first-load JS stays flat as the lab grows to dozens of widgets (measured
 * in the build's first-load report). Server code must not import this file (see server-list.ts).
 */
import type { AnyWidgetDef } from './types';

type Loader = () => Promise<{ default: AnyWidgetDef }>;

const loaders: Record<string, Loader> = {
  'utf8-bytes': () => import('./utf8-bytes'),
  generate: () => import('./generate'),
  'token-viewer': () => import('./token-viewer'),
  'bpe-trainer': () => import('./bpe-trainer'),
  'tokenizer-compare': () => import('./tokenizer-compare'),
  'unigram-samples': () => import('./unigram-samples'),
  'next-token': () => import('./next-token'),
  'positions-extend': () => import('./positions-extend'),
  'rope-distance': () => import('./rope-distance'),
  'rope-rotation': () => import('./rope-rotation'),
  'rope-spectrum': () => import('./rope-spectrum'),
  'attention-explorer': () => import('./attention-explorer'),
  'attention-heads': () => import('./attention-heads'),
  'attention-kv': () => import('./attention-kv'),
  'scale-laws': () => import('./scale-laws'),
  'scale-memory': () => import('./scale-memory'),
  'scale-parallel': () => import('./scale-parallel'),
  'scale-sweeps': () => import('./scale-sweeps'),
  'quant-compare': () => import('./quant-compare'),
  'quant-memory': () => import('./quant-memory'),
  'quant-weights': () => import('./quant-weights'),
  'data-contamination': () => import('./data-contamination'),
  'data-dedup': () => import('./data-dedup'),
  'data-mix': () => import('./data-mix'),
  'data-quality': () => import('./data-quality'),
  'moe-capacity': () => import('./moe-capacity'),
  'moe-router': () => import('./moe-router'),
  'ssm-compare': () => import('./ssm-compare'),
  'ssm-scan': () => import('./ssm-scan'),
  'lora-finetune': () => import('./lora-finetune'),
  'lora-rank': () => import('./lora-rank'),
  'decode-steps': () => import('./decode-steps'),
  'beam-search': () => import('./beam-search'),
  'cloze-eval': () => import('./cloze-eval'),
  'needle': () => import('./needle'),
  'perplexity-table': () => import('./perplexity-table'),
  'self-consistency': () => import('./self-consistency'),
  'family-masks': () => import('./family-masks'),
  'mask-fill': () => import('./mask-fill'),
  'sparse-masks': () => import('./sparse-masks'),
  'flash-tiling': () => import('./flash-tiling'),
  'logit-lens': () => import('./logit-lens'),
  'norm-activations': () => import('./norm-activations'),
  'residual-stream': () => import('./residual-stream'),
  'distill-compare': () => import('./distill-compare'),
  'prune-sparsity': () => import('./prune-sparsity'),
  'embed-analogy': () => import('./embed-analogy'),
  'embed-context': () => import('./embed-context'),
  'embed-map': () => import('./embed-map'),
  'speculative': () => import('./speculative'),
  'kv-growth': () => import('./kv-growth'),
  'kv-memory': () => import('./kv-memory'),
  'kv-window': () => import('./kv-window'),
  'train-playground': () => import('./train-playground'),
  'mp-gradients': () => import('./mp-gradients'),
  'scale-live': () => import('./scale-live'),
  'rag-prompt': () => import('./rag-prompt'),
  'retrieval': () => import('./retrieval'),
  'pref-train': () => import('./pref-train'),
};

/** Ids of every registered widget, in registration order. */
export const widgetIds: readonly string[] = Object.keys(loaders);

/** True for a registered id (own keys only: "constructor" or "__proto__" are not widgets). */
export function hasWidget(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(loaders, id);
}

const loaded = new Map<string, Promise<AnyWidgetDef>>();

/** The def of a registered widget (loaded once, then cached); undefined for an unknown id. */
export function loadWidget(id: string): Promise<AnyWidgetDef> | undefined {
  if (!hasWidget(id)) return undefined;
  let p = loaded.get(id);
  if (!p) {
    p = loaders[id]().then((m) => m.default);
    loaded.set(id, p);
  }
  return p;
}

/** Every def (tests, content checks, the widget list). */
export function loadAllWidgets(): Promise<AnyWidgetDef[]> {
  return Promise.all(widgetIds.map((id) => loadWidget(id)!));
}
