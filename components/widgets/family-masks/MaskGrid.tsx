/** One visibility table drawn as a grid of cells (filled = the query may attend to that key). */
export function MaskGrid({ title, rows, cols, visible, query, caption }: { title: string; rows: string[]; cols: string[]; visible: boolean[][]; query: number; caption: string }) {
  const cell = Math.max(8, Math.min(16, Math.floor(150 / Math.max(rows.length, cols.length, 1))));
  const lab = 64;
  const W = lab + cols.length * cell;
  const H = lab + rows.length * cell;
  return (
    <figure className="fm-figure">
      <figcaption><strong>{title}</strong>. {caption}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${title}: ${rows.length} query rows by ${cols.length} key columns; row ${query} sees ${visible[query]?.filter(Boolean).length ?? 0} keys`} className="fm-svg" data-visible={visible.reduce((a, r) => a + r.filter(Boolean).length, 0)} data-query={query}>
        {cols.map((c, j) => (
          <text key={`c${j}`} x={lab + j * cell + cell / 2} y={lab - 4} transform={`rotate(-60 ${lab + j * cell + cell / 2} ${lab - 4})`} className="fm-lab">{c.slice(0, 8)}</text>
        ))}
        {rows.map((r, i) => (
          <text key={`r${i}`} x={lab - 4} y={lab + i * cell + cell * 0.75} textAnchor="end" className={i === query ? 'fm-lab fm-lab-q' : 'fm-lab'}>{r.slice(0, 8)}</text>
        ))}
        {visible.map((row, i) => row.map((v, j) => (
          <rect key={`${i}-${j}`} x={lab + j * cell + 0.5} y={lab + i * cell + 0.5} width={cell - 1} height={cell - 1} className={`${v ? 'fm-on' : 'fm-off'}${i === query ? ' fm-q' : ''}`} />
        )))}
        {rows.length > 0 && <rect x={lab} y={lab + query * cell} width={cols.length * cell} height={cell} className="fm-qbox" />}
      </svg>
    </figure>
  );
}
