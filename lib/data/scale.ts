/**
 * Pretraining data scale of well-known models, as stated in their papers (tokens seen in
 * pretraining). Each entry carries its source so a page can cite it.
 */

export interface ScaleEntry {
  model: string;
  /** Tokens of pretraining. */
  tokens: number;
  /** Parameters of the model the number refers to. */
  params: number;
  authors: string;
  year: number;
  title: string;
  href: string;
  where: string;
}

export const LITERATURE_SCALE: readonly ScaleEntry[] = [
  {
    model: 'GPT-3 175B',
    tokens: 300e9,
    params: 175e9,
    authors: 'Brown et al.',
    year: 2020,
    title: 'Language Models are Few-Shot Learners',
    href: 'https://arxiv.org/abs/2005.14165',
    where: 'Table 2.1 (all models trained for 300B tokens)',
  },
  {
    model: 'Gopher 280B',
    tokens: 300e9,
    params: 280e9,
    authors: 'Rae et al.',
    year: 2021,
    title: 'Scaling Language Models: Methods, Analysis & Insights from Training Gopher',
    href: 'https://arxiv.org/abs/2112.11446',
    where: '300B training tokens; also in Hoffmann et al. 2022, Table 1',
  },
  {
    model: 'Chinchilla 70B',
    tokens: 1.4e12,
    params: 70e9,
    authors: 'Hoffmann et al.',
    year: 2022,
    title: 'Training Compute-Optimal Large Language Models',
    href: 'https://arxiv.org/abs/2203.15556',
    where: 'Table 1',
  },
  {
    model: 'Llama 2 (7B–70B)',
    tokens: 2e12,
    params: 70e9,
    authors: 'Touvron et al.',
    year: 2023,
    title: 'Llama 2: Open Foundation and Fine-Tuned Chat Models',
    href: 'https://arxiv.org/abs/2307.09288',
    where: '§2.1 and Table 1 (2.0T tokens)',
  },
];

/** How many times more tokens `a` has than `b`. */
export function scaleRatio(a: number, b: number): number {
  return a / b;
}
