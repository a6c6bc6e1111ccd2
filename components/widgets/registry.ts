/**
 * Every widget of the lab. Adding a widget = create components/widgets/<id>/index.ts exporting
 * a WidgetDef (see README.md here), then add one import line and one array entry below.
 * Keep index.ts light: the defs (schemas, titles) of all widgets ship with every lesson page;
 * the widget's component itself loads lazily.
 */
import type { AnyWidgetDef } from './types';
import utf8Bytes from './utf8-bytes';
import generate from './generate';
import tokenViewer from './token-viewer';
import bpeTrainer from './bpe-trainer';
import tokenizerCompare from './tokenizer-compare';
import unigramSamples from './unigram-samples';
import nextToken from './next-token';
import dataMix from './data-mix';
import dataQuality from './data-quality';
import dataDedup from './data-dedup';
import dataContamination from './data-contamination';

export const widgets: readonly AnyWidgetDef[] = [
  utf8Bytes,
  generate,
  tokenViewer,
  bpeTrainer,
  tokenizerCompare,
  unigramSamples,
  nextToken,
  dataMix,
  dataQuality,
  dataDedup,
  dataContamination,
];

export function getWidget(id: string): AnyWidgetDef | undefined {
  return widgets.find((w) => w.id === id);
}
