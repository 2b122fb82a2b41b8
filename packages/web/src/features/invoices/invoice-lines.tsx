import type { Invoice } from '../../api/types.ts';
import { date, groupDigits, money, words } from '../../ui/format.ts';

/** The invoice lines, the tax summary per category and rate, and the totals. */
export function InvoiceLines({ invoice }: { invoice: Invoice }) {
  const c = invoice.currency;
  return (
    <section aria-labelledby="lines-title">
      <h2 id="lines-title">Lines</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Description</th>
            <th scope="col">Service period</th>
            <th scope="col" className="num">Quantity</th>
            <th scope="col" className="num">Unit price</th>
            <th scope="col">Tax</th>
            <th scope="col" className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((line) => (
            <tr key={line.id}>
              <td>{line.lineNo}</td>
              <td>
                {line.description}
                <div className="muted small">
                  {words(line.kind)} · GL {line.revenueAccountCode}
                  {line.deferred ? ' · deferred' : ''}
                </div>
              </td>
              <td>{line.servicePeriod ? `${date(line.servicePeriod.start)} – ${date(line.servicePeriod.end)}` : '—'}</td>
              <td className="num">{groupDigits(line.quantity)}</td>
              <td className="num">{line.unitPrice === null ? '—' : groupDigits(line.unitPrice)}</td>
              <td title={`${line.tax.rule} (table ${line.tax.tableVersion})${line.tax.exemptionReason ? `: ${line.tax.exemptionReason}` : ''}`}>
                {line.tax.code} · {line.tax.rate} %
              </td>
              <td className="num">{money(line.amount, c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="two-columns">
        <div>
          <h3>Tax summary</h3>
          <table className="data compact">
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col" className="num">Rate</th>
                <th scope="col" className="num">Taxable</th>
                <th scope="col" className="num">Tax</th>
              </tr>
            </thead>
            <tbody>
              {invoice.taxSummary.map((row) => (
                <tr key={`${row.category}-${row.rate}`}>
                  <td>{row.category}</td>
                  <td className="num">{row.rate} %</td>
                  <td className="num">{money(row.taxableAmount, c)}</td>
                  <td className="num">{money(row.taxAmount, c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {invoice.taxNotes.map((note) => (
            <p key={note} className="muted small">
              {note}
            </p>
          ))}
        </div>
        <dl className="totals" aria-label="Totals">
          <dt>Subtotal</dt>
          <dd>{money(invoice.subtotal, c)}</dd>
          <dt>Tax</dt>
          <dd>{money(invoice.taxTotal, c)}</dd>
          <dt className="grand">Total</dt>
          <dd className="grand">{money(invoice.total, c)}</dd>
          <dt>Paid</dt>
          <dd>{money(invoice.amountPaid, c)}</dd>
          {invoice.amountCredited !== '0.00' && (
            <>
              <dt>Credited</dt>
              <dd>{money(invoice.amountCredited, c)}</dd>
            </>
          )}
          <dt>Amount due</dt>
          <dd>{money(invoice.amountDue, c)}</dd>
        </dl>
      </div>
    </section>
  );
}
