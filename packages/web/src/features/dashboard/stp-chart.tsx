import type { MetricSeries } from '../../api/types.ts';
import { date, percent } from '../../ui/format.ts';

interface Point {
  start: string;
  rate: string | null;
  reachedApproved: number;
}

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

/** Straight-through rate per bucket as a plain SVG line (gaps where nothing reached approval), with a table for screen readers. */
export function StpChart({ series }: { series: MetricSeries }) {
  const points = series.points as unknown as Point[];
  const n = points.length;
  const x = (i: number) => PAD.left + (n <= 1 ? (WIDTH - PAD.left - PAD.right) / 2 : (i * (WIDTH - PAD.left - PAD.right)) / (n - 1));
  const y = (rate: number) => PAD.top + (1 - rate) * (HEIGHT - PAD.top - PAD.bottom);
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.rate === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(Number(p.rate)).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const labelEvery = Math.max(1, Math.ceil(n / 8));

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Straight-through rate per ${series.interval} from ${series.from} to ${series.to}`}>
        {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="axis">
              {tick * 100}%
            </text>
          </g>
        ))}
        {segments.map((d) => (
          <path key={d} d={d} className="line" />
        ))}
        {points.map((p, i) =>
          p.rate === null ? null : (
            <circle key={p.start} cx={x(i)} cy={y(Number(p.rate))} r={3} className="dot">
              <title>{`${date(p.start)}: ${percent(p.rate)} of ${p.reachedApproved}`}</title>
            </circle>
          ),
        )}
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text key={`l-${p.start}`} x={x(i)} y={HEIGHT - 8} textAnchor="middle" className="axis">
              {p.start.slice(5)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="muted small">
        Share of documents that reached approved with no person touching them, per {series.interval} (UTC). Gaps: nothing reached approved.
      </figcaption>
      <table className="sr-only">
        <caption>Straight-through rate per {series.interval}</caption>
        <tbody>
          {points.map((p) => (
            <tr key={p.start}>
              <th scope="row">{p.start}</th>
              <td>{percent(p.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
