// A hand-written horizontal bar chart of the service figures (req/s, p99 and RSS per case).
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function serviceSvg(rows, { title, subtitle }) {
  const entries = Object.entries(rows);
  const max = Math.max(1, ...entries.map(([, r]) => r.rps ?? 0));
  // Rough text width: 7 px per character at 13 px.
  const left = 26 + Math.max(...entries.map(([, r]) => `${r.n}. ${r.label}`.length)) * 7;
  const barMax = 430;
  const rowH = 30;
  const top = 74;
  const width = left + barMax + 300;
  const height = top + entries.length * rowH + 30;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="24" font-size="16" font-weight="600">${esc(title)}</text>`,
    `<text x="16" y="44" fill="#555">${esc(subtitle)}</text>`,
  ];
  entries.forEach(([id, r], i) => {
    const y = top + i * rowH;
    const generated = id.startsWith('gen-') || id.startsWith('cluster');
    parts.push(`<text x="${left - 10}" y="${y + 18}" text-anchor="end">${esc(`${r.n}. ${r.label}`)}</text>`);
    if (r.rps === undefined) {
      parts.push(`<text x="${left + 6}" y="${y + 18}" fill="#b00">${esc(`not measured: ${(r.error ?? '').slice(0, 60)}`)}</text>`);
      return;
    }
    const w = Math.max(2, (r.rps / max) * barMax);
    parts.push(`<rect x="${left}" y="${y + 5}" width="${w.toFixed(1)}" height="${rowH - 10}" rx="3" fill="${generated ? '#2f7d4f' : '#8a8f98'}"/>`);
    const label = `${Math.round(r.rps).toLocaleString('en-US')} req/s · p99 ${r.p99Ms.toFixed(1)} ms · ${Math.round(r.rssMb ?? 0)} MB${r.errors ? ` · ${r.errors} errors` : ''}`;
    parts.push(`<text x="${left + w + 6}" y="${y + 18}" fill="#222">${esc(label)}</text>`);
  });
  // The goal of case 4 as a line: 0.4 × bare Fastify (case 1).
  const bare = rows['bare-fastify']?.rps;
  if (bare) {
    const x = left + ((0.4 * bare) / max) * barMax;
    parts.push(`<line x1="${x.toFixed(1)}" y1="${top - 4}" x2="${x.toFixed(1)}" y2="${top + entries.length * rowH}" stroke="#c0392b" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${x.toFixed(1)}" y="${top - 8}" fill="#c0392b" font-size="11" text-anchor="middle">goal for 4: 0.4 × bare Fastify</text>`);
  }
  parts.push(`<text x="16" y="${height - 10}" fill="#777" font-size="11">green: generated service · grey: peers · wrk -t1 -c50, loopback, one process per server, median of runs</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
