/**
 * Prompts for the retrieval and prompting lesson: retrieved passages put in front of the text
 * the model continues (retrieval-augmented generation, Lewis et al. 2020, reduced to its prompt),
 * and few-shot prompts (Brown et al. 2020): worked examples in front of the question.
 * Every scenario is a pair of prompts, without and with the extra context, ending in the same
 * stem, and a target answer whose log-probability is measured after each.
 *
 *   ragPrompt(['P1', 'P2'], 'Q', 'It was', 'plain')     // 'P1\n\nP2\n\nIt was'
 *   ragPrompt(['P1'], 'Q', 'It was', 'labelled')        // 'Passage: P1\n\nQuestion: Q\nAnswer: It was'
 */

export const TEMPLATES = ['plain', 'labelled'] as const;
export type Template = (typeof TEMPLATES)[number];

export function ragPrompt(passages: readonly string[], query: string, stem: string, template: Template): string {
  if (template === 'plain') return [...passages, stem].join('\n\n');
  return [...passages.map((p) => `Passage: ${p}`), `Question: ${query}\nAnswer: ${stem}`].join('\n\n');
}

/** The prompt without retrieval: the same template with no passages. */
export function bareRagPrompt(query: string, stem: string, template: Template): string {
  return ragPrompt([], query, stem, template);
}

export interface Scenario {
  id: string;
  label: string;
  kind: 'rag' | 'fewshot';
  /** rag: the retrieval query. */
  query: string;
  /** Few-shot examples, one per line (fewshot only). */
  shots: string[];
  /** The text the model continues. */
  stem: string;
  /** The answer whose log-probability is measured (with its leading space). */
  target: string;
}

export const SCENARIOS: readonly Scenario[] = [
  { id: 'tablet', label: 'RAG: the captain on the memorial tablet', kind: 'rag', query: 'memorial to a captain killed by a sperm whale', shots: [], stem: 'Sacred to the memory of the late Captain Ezekiel', target: ' Hardy' },
  { id: 'benwick', label: 'RAG: whom will Louisa Musgrove marry?', kind: 'rag', query: 'Whom is Louisa Musgrove to marry?', shots: [], stem: 'Louisa Musgrove was to marry Captain', target: ' Benwick' },
  { id: 'leave', label: 'RAG: when does Mr Elliot leave Bath?', kind: 'rag', query: 'When is Mr Elliot to leave Bath?', shots: [], stem: 'He was to leave Bath at', target: ' nine' },
  { id: 'misters', label: 'Few-shot: a list of gentlemen', kind: 'fewshot', query: '', shots: ['Mr Darcy,', 'Mr Bingley,', 'Mr Collins,'], stem: 'Mr Wickham', target: ',' },
  { id: 'sisters', label: 'Few-shot: a numbered list', kind: 'fewshot', query: '', shots: ['1. Jane Bennet', '2. Elizabeth Bennet', '3. Mary Bennet'], stem: '4. Kitty', target: ' Bennet' },
  { id: 'add', label: 'Few-shot: one-digit addition', kind: 'fewshot', query: '', shots: ['2 + 3 = 5', '4 + 1 = 5', '1 + 2 = 3'], stem: '3 + 4 =', target: ' 7' },
  { id: 'add-cot', label: 'Chain of thought: addition step by step', kind: 'fewshot', query: '', shots: ['2 + 3: 2, 3, 4, 5. So 2 + 3 = 5', '4 + 1: 4, 5. So 4 + 1 = 5', '1 + 2: 1, 2, 3. So 1 + 2 = 3'], stem: '3 + 4: 3, 4, 5, 6, 7. So 3 + 4 =', target: ' 7' },
];

export function fewShotPrompt(shots: readonly string[], stem: string, n: number): string {
  return [...shots.slice(0, n), stem].join('\n');
}
