import type { ValidationRule } from '../../api/types.ts';
import { SeverityBadge } from '../../ui/badges.tsx';
import { words } from '../../ui/format.ts';

/** A rule set's rules as a readable table: what each checks, how severe, whose queue, and the CEL condition. */
export function RuleTable({ rules }: { rules: ValidationRule[] }) {
  return (
    <table className="data compact rules">
      <caption className="sr-only">Rules</caption>
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Description</th>
          <th scope="col">Severity</th>
          <th scope="col">Category</th>
          <th scope="col">Owner queue</th>
          <th scope="col">Condition (fails when true)</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr key={rule.id} data-rule={rule.id}>
            <td>
              <code>{rule.id}</code>
            </td>
            <td className="small">
              {rule.description}
              <div className="muted">applies to {rule.documentTypes.map(words).join(', ')}{rule.when ? ` when ${rule.when}` : ''}</div>
            </td>
            <td>
              <SeverityBadge severity={rule.severity} />
            </td>
            <td>{words(rule.category)}</td>
            <td>{rule.ownerQueue}</td>
            <td>
              <code className="cel">{rule.condition}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
