import type { Command } from 'commander';
import { verifyAuditChain } from '@invoiceops/core';
import { runtimeConfigFromEnv } from '../runtime/config.ts';
import { openDatabase } from '../runtime/open-database.ts';
import { progressReporter } from '../runtime/progress.ts';

/** `invoiceops audit verify`: recompute the hash chain; exit 2 naming the first broken row. */
export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('work with the tamper-evident audit trail');
  audit
    .command('verify')
    .description('check every audit row against its hash and the chain; names the first broken row')
    .action(async () => {
      const handle = await openDatabase(runtimeConfigFromEnv().database);
      const progress = progressReporter('verifying audit chain');
      try {
        const result = await verifyAuditChain(handle.db, (done, total) => progress.update(done, total, 'rows'));
        progress.stop();
        if (result.ok) {
          console.log(`audit chain intact: ${result.rowsChecked} rows verified`);
        } else {
          const broken = result.firstBroken!;
          process.stderr.write(`invoiceops: audit chain BROKEN at row seq=${broken.seq} id=${broken.id}: ${broken.problem} (${result.rowsChecked} rows before it verified)\n`);
          process.exitCode = 2;
        }
      } finally {
        await handle.close();
      }
    });
}
