'use client';
/** HBM traffic of one head's attention, standard vs tiled (lib/longctx/flash.ts), and the linear-attention cost. */
import { hbmTraffic } from '@/lib/longctx/flash';
import { attnCost, crossover } from '@/lib/longctx/linear-attn';
import { big } from './layout';

export function Traffic({ n, d, sramKb }: { n: number; d: number; sramKb: number }) {
  const M = sramKb * 512; // fp16 elements
  const t = hbmTraffic(n, d, M);
  const c = attnCost(n, d);
  const ratio = t.standard.total / t.flash.total;
  return (
    <div className="ft-traffic">
      <p className="ft-note">
        One head, N = {n.toLocaleString('en')} tokens, d = {d}, SRAM {sramKb} KB = M = {M.toLocaleString('en')} fp16 numbers → blocks B<sub>c</sub> = ⌈M/4d⌉ = {t.flash.bc}, B<sub>r</sub> = min(B<sub>c</sub>, d) = {t.flash.br}, so the tiled pass sweeps Q and O T<sub>c</sub> = {t.flash.tc} times.
      </p>
      <table className="ft-small">
        <caption className="muted">HBM reads + writes (numbers)</caption>
        <thead><tr><th scope="col"></th><th scope="col">Standard</th><th scope="col">Tiled</th></tr></thead>
        <tbody>
          <tr><th scope="row">Reads</th><td>{big(t.standard.reads)}</td><td>{big(t.flash.reads)}</td></tr>
          <tr><th scope="row">Writes</th><td>{big(t.standard.writes)}</td><td>{big(t.flash.writes)}</td></tr>
          <tr><th scope="row">Total</th><td data-std={t.standard.total}>{big(t.standard.total)}</td><td data-flash={t.flash.total}>{big(t.flash.total)}</td></tr>
          <tr><th scope="row">fp16 bytes</th><td>{big(2 * t.standard.total)}B</td><td>{big(2 * t.flash.total)}B</td></tr>
        </tbody>
      </table>
      <p className="ft-note" data-ratio={ratio.toFixed(3)}>
        {ratio >= 1 ? `Tiling moves ${ratio.toFixed(1)}× fewer numbers through HBM.` : `At this size tiling moves ${(1 / ratio).toFixed(1)}× more: the N² matrices are small next to re-reading Q and O ${t.flash.tc} times.`}{' '}
        Standard: 4Nd + 4N² (S and P written and read back). Tiled: K, V once plus T<sub>c</sub> passes over Q, O, ℓ, m — Θ(N²d²/M).
      </p>
      <table className="ft-small">
        <caption className="muted">Linear attention (φ = elu + 1) at the same N, multiply-adds</caption>
        <thead><tr><th scope="col"></th><th scope="col">Softmax</th><th scope="col">Linear</th></tr></thead>
        <tbody>
          <tr><th scope="row">Compute</th><td>{big(c.softmax)}</td><td>{big(c.linear)}</td></tr>
          <tr><th scope="row">State kept</th><td>{big(c.softmaxState)}</td><td>{big(c.linearState)}</td></tr>
        </tbody>
      </table>
      <p className="ft-note">Softmax: 2N²d (QKᵀ and PV). Linear: 2N(d² + d), state S (d×d) and z (d) instead of a growing KV cache; cheaper from N = {crossover(d)} on.</p>
    </div>
  );
}
