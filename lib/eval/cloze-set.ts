/**
 * A small hand-written cloze set in the domain of the lab's models (Austen's novels, with
 * Moby-Dick and the King James Bible in the training mix). Written for this lesson; no item is
 * taken from a benchmark. Each context is read with " " + option after it; the first option is
 * not always the answer. Some answers are single tokens of our BPE, some split into several
 * (Wentworth, Bourgh, pianoforte), so the normalisation choice can matter.
 *
 * Several contexts echo famous opening lines that are in the training text (Emma, Moby-Dick,
 * Genesis): there the model is recalling, not reasoning — the lesson says so.
 */
import type { ClozeItem } from './cloze';

export const CLOZE_SET: readonly ClozeItem[] = [
  { context: 'Mr. Darcy bowed to Miss', options: ['Potter', 'Bennet', 'Holmes', 'Gandalf'], answer: 1 },
  { context: 'Mrs. Bennet had five', options: ['daughters', 'ships', 'whales', 'harpoons'], answer: 0 },
  { context: 'The captain of the Pequod was', options: ['Darcy', 'Emma', 'Ahab', 'Wickham'], answer: 2 },
  { context: 'He took off his hat and made her a low', options: ['whale', 'sermon', 'fortune', 'bow'], answer: 3 },
  { context: 'The ladies sat down to', options: ['dinner', 'harpoon', 'whale', 'sermon'], answer: 0 },
  { context: 'Mr. Collins was a clergyman, and preached every Sunday in the', options: ['ocean', 'church', 'ballroom', 'stable'], answer: 1 },
  { context: 'Anne had been persuaded to give up Captain', options: ['Ahab', 'Bennet', 'Wentworth', 'Collins'], answer: 2 },
  { context: 'Emma Woodhouse, handsome, clever, and', options: ['wet', 'blue', 'square', 'rich'], answer: 3 },
  { context: 'The whale rose out of the', options: ['sea', 'ballroom', 'parsonage', 'letter'], answer: 0 },
  { context: 'He had ten thousand a', options: ['whale', 'year', 'sister', 'bonnet'], answer: 1 },
  { context: 'She answered the letter by return of', options: ['thunder', 'whale', 'post', 'dinner'], answer: 2 },
  { context: 'And God said, Let there be', options: ['whales', 'dinner', 'ladies', 'light'], answer: 3 },
  { context: 'After tea Marianne sat down and played upon the', options: ['pianoforte', 'deck', 'pulpit', 'gravel'], answer: 0 },
  { context: 'The sailors lowered the boats and gave chase to the', options: ['curate', 'whale', 'ladies', 'pianoforte'], answer: 1 },
  { context: 'Her ladyship, Lady Catherine de', options: ['Ahab', 'Wentworth', 'Bourgh', 'Bennet'], answer: 2 },
  { context: 'The horses were put to the', options: ['whale', 'sermon', 'pulpit', 'carriage'], answer: 3 },
  { context: 'She was too much agitated to say a', options: ['word', 'whale', 'ship', 'harpoon'], answer: 0 },
  { context: 'He was the most agreeable young man she had ever', options: ['sailed', 'seen', 'preached', 'harpooned'], answer: 1 },
  { context: 'Thou shalt not', options: ['dance', 'marry', 'kill', 'sail'], answer: 2 },
  { context: 'Call me', options: ['Elizabeth', 'Darcy', 'Captain', 'Ishmael'], answer: 3 },
  { context: 'In the beginning God created the heaven and the', options: ['earth', 'sea', 'ship', 'ball'], answer: 0 },
  { context: 'Elizabeth could not help laughing at her sister, and Jane could not help', options: ['harpooning', 'smiling', 'sailing', 'preaching'], answer: 1 },
  { context: 'It was a fine morning, and the two young ladies walked to the village to buy some new', options: ['whales', 'sermons', 'ribbons', 'oceans'], answer: 2 },
  { context: 'The harpooneer stood up in the bow of the', options: ['parsonage', 'drawing-room', 'carriage', 'boat'], answer: 3 },
  { context: 'Mr. Bingley danced every dance at the', options: ['ball', 'whale', 'pulpit', 'harpoon'], answer: 0 },
  { context: 'My dear, said Mrs. Bennet to her', options: ['whale', 'husband', 'harpoon', 'pulpit'], answer: 1 },
  { context: 'The sea was rough, and the ship rolled so that the sailors could hardly keep their', options: ['bonnets', 'sermons', 'feet', 'ribbons'], answer: 2 },
  { context: 'She had not the smallest objection to being made an offer of', options: ['whales', 'thunder', 'harpoons', 'marriage'], answer: 3 },
];
