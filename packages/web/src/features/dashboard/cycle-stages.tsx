import type { MetricsSummary } from '../../api/types.ts';
import { duration, words } from '../../ui/format.ts';

type CycleTime = MetricsSummary['cycleTime'];

/** The stages in lifecycle order; any other visited state (such as sent) follows them. */
const ORDER = ['draft', 'validated', 'on_hold', 'pending_approval', 'approved', 'posting'];

const rank = (stage: string) => (ORDER.includes(stage) ? ORDER.indexOf(stage) : ORDER.length);

/**
 * Where the time goes: the median and p90 spent in each state on the way to approved and
 * to posted, with the number of documents that spent time in it, beside the totals.
 */
export function CycleStages({ cycleTime }: { cycleTime: CycleTime }) {
  const stages = [...new Set([...Object.keys(cycleTime.toApproved.stages), ...Object.keys(cycleTime.toPosted.stages)])].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const cell = (figure: { documents: number; medianSeconds: number | null; p90Seconds: number | null } | undefined) =>
    !figure || figure.documents === 0 ? (
      <td className="num muted">—</td>
    ) : (
      <td className="num">
        {duration(figure.medianSeconds)} <span className="muted small">p90 {duration(figure.p90Seconds)} · {figure.documents}</span>
      </td>
    );
  return (
    <table className="data compact" aria-describedby="cycle-note">
      <thead>
        <tr>
          <th scope="col">Stage</th>
          <th scope="col" className="num">
            To approved
          </th>
          <th scope="col" className="num">
            To posted
          </th>
        </tr>
      </thead>
      <tbody>
        {stages.map((stage) => (
          <tr key={stage}>
            <th scope="row">{words(stage)}</th>
            {cell(cycleTime.toApproved.stages[stage])}
            {cell(cycleTime.toPosted.stages[stage])}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Whole cycle</th>
          {cell(cycleTime.toApproved)}
          {cell(cycleTime.toPosted)}
        </tr>
      </tfoot>
    </table>
  );
}
