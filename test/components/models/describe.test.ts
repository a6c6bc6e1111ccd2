import { describe, expect, it } from 'vitest';
import { architecture, describeEntry } from '@/components/models/describe';

describe('architecture', () => {
  it('summarises a transformer config in one line', () => {
    const c = { vocabSize: 4096, contextLength: 256, nLayer: 4, dModel: 192, nHead: 6, nKvHead: 2, dFF: 512, norm: 'rmsnorm', position: 'rope', mlp: 'swiglu' };
    expect(architecture(c)).toBe('4 layers · width 192 · 6 heads (2 KV) · MLP 512 swiglu · rmsnorm · rope positions · context 256 · vocabulary 4096');
  });

  it('does not repeat the KV head count when it equals the head count', () => {
    expect(architecture({ nHead: 4, nKvHead: 4 })).toBe('4 heads');
  });
});

describe('describeEntry', () => {
  it('turns known manifest fields into readable rows and keeps unknown ones', () => {
    const v = describeEntry(
      {
        id: 'lm',
        role: 'main model',
        params: 2361024,
        bytes: 4725832,
        dtype: 'float16',
        validation: { loss: 3.54749, perplexity: 34.726, data: 'austen.val' },
        corpus: [{ what: 'Austen novels', licence: 'public domain', tokens: 1016970 }],
        training: { steps: 4000, seconds: 233.3, device: 'one H100' },
        metrics: null,
        extraThing: { a: 1 },
        commands: ['python3 train.py'],
      },
      'x',
    );
    expect(v.id).toBe('lm');
    expect(v.role).toBe('main model');
    expect(v.rows).toEqual([
      { label: 'Parameters', value: '2,361,024' },
      { label: 'Download', value: '4.5 MB (4,725,832 bytes)' },
      { label: 'Weights', value: 'float16' },
      { label: 'Validation', value: 'loss 3.547 nats/token, perplexity 34.7 on austen.val' },
      { label: 'Trained on', value: 'Austen novels (public domain, 1,016,970 tokens)' },
      { label: 'Training run', value: '4000 steps, 233 s, on one H100' },
      { label: 'Extra thing', value: '{"a":1}' },
    ]);
    expect(v.commands).toEqual(['python3 train.py']);
  });

  it('says how a model was checked and what a draft model measured, in words', () => {
    const v = describeEntry(
      {
        runtimeChecked: true,
        runtimeCheckedBy: 'eager.test.ts',
        draftFor: { target: 'lm', greedyTop1Agreement: 0.567, meanAcceptanceProbability: 0.611, measuredOn: '2048 positions' },
      },
      'd',
    );
    expect(v.rows).toEqual([
      { label: 'Checked against PyTorch', value: 'yes — eager.test.ts' },
      { label: 'Speculative decoding', value: 'draft for lm: greedy top-1 agreement 56.7%, mean speculative acceptance 61.1% (measured on 2048 positions)' },
    ]);
    expect(describeEntry({ runtimeChecked: false }, 'x').rows[0].value).toMatch(/^not yet/);
  });

  it('uses the fallback id and a recipe string as the command', () => {
    expect(describeEntry({ recipe: 'npx tsx make.ts' }, 'Model 1')).toEqual({ id: 'Model 1', role: undefined, rows: [], commands: ['npx tsx make.ts'] });
  });
});

describe('architecture of the MoE and SSM models', () => {
  it('lm-ssm: a Mamba-2 mixer and no attention heads', () => {
    const c = { nLayer: 8, dModel: 128, nHead: 4, nKvHead: 2, dFF: 240, mlp: 'swiglu', position: 'none', ssm: { dState: 16, headDim: 32, expand: 2, convKernel: 4 } };
    expect(architecture(c)).toBe('8 layers · width 128 · Mamba-2 mixer, no attention (expand 2, heads of 32, state 16, conv 4) · MLP 240 swiglu · no position encoding');
  });

  it('lm-moe: experts, their width and top-k', () => {
    const c = { nHead: 4, nKvHead: 2, dFF: 96, mlp: 'swiglu', moe: { experts: 4, topK: 2 } };
    expect(architecture(c)).toBe('4 heads (2 KV) · mixture of experts: 4 experts of MLP 96 swiglu, top-2 routing');
    expect(architecture({ dFF: 8, moe: { experts: 8, topK: 2, capacityFactor: 1.25, sharedExpert: true } })).toBe('mixture of experts: 8 experts of MLP 8, top-2 routing (capacity factor 1.25, plus a shared expert)');
  });
});
