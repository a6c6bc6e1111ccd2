/**
 * Test queries for the retrieval lesson, each with the passages of lib/retrieval/passages.json
 * that answer it, judged by hand by reading all 160 passages (ids are `<source>-<offset>`, so a
 * judgement survives a rebuild of the corpus as long as the source texts are unchanged). Some
 * queries share words with their passages, some are paraphrases that share almost none.
 */

export interface JudgedQuery {
  query: string;
  relevant: string[];
  /** 'words': shares content words with its passages; 'paraphrase': says it differently. */
  kind: 'words' | 'paraphrase';
}

export const QUERIES: readonly JudgedQuery[] = [
  { query: 'Who rents Kellynch Hall?', relevant: ['austen-3860035', 'austen-3902558'], kind: 'words' },
  { query: 'Louisa Musgrove is to marry Captain Benwick', relevant: ['austen-3884000', 'austen-3863748'], kind: 'words' },
  { query: 'translating an Italian love song at the concert', relevant: ['austen-3899379', 'austen-3899659'], kind: 'words' },
  { query: 'he offers her his new umbrella but she prefers to walk', relevant: ['austen-3880632', 'austen-3880843', 'austen-3881131'], kind: 'words' },
  { query: 'a letter signed Wm. Elliot: sick of the name Elliot', relevant: ['austen-3930437', 'austen-3930795'], kind: 'words' },
  { query: 'the small inlaid box from the bedroom closet', relevant: ['austen-3928336', 'austen-3928596'], kind: 'words' },
  { query: 'Anne is not going to marry Mr Elliot', relevant: ['austen-3914586', 'austen-3915573'], kind: 'words' },
  { query: 'Mrs Clay seen with Mr Elliot under the colonnade', relevant: ['austen-3966362', 'austen-3966659', 'austen-3967628'], kind: 'words' },
  { query: 'Charles will go to the play', relevant: ['austen-3969051', 'austen-3969603', 'austen-3972252'], kind: 'words' },
  { query: 'the Spouter Inn and its landlord', relevant: ['moby-16682', 'moby-35230'], kind: 'words' },
  { query: 'Queequeg the harpooneer', relevant: ['moby-35230', 'moby-51884', 'moby-125313', 'moby-184001', 'moby-1006952'], kind: 'words' },
  { query: 'memorial to a captain killed by a sperm whale', relevant: ['moby-71908'], kind: 'words' },
  { query: 'who tenants the baronet\'s country house?', relevant: ['austen-3860035', 'austen-3902558'], kind: 'paraphrase' },
  { query: 'how long ago did they part? nearly nine years', relevant: ['austen-3972913'], kind: 'paraphrase' },
  { query: 'the whale bit off the captain\'s limb', relevant: ['moby-337058', 'moby-976116'], kind: 'paraphrase' },
  { query: 'post delivered to sailors long after it was sent', relevant: ['moby-666417'], kind: 'paraphrase' },
  { query: 'a thunderstorm in the dark', relevant: ['moby-1047982', 'moby-1054626'], kind: 'paraphrase' },
];
