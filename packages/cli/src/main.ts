import { Command } from 'commander';
import { registerAuditCommand } from './commands/audit.ts';
import { registerBillRunCommand } from './commands/bill-run.ts';
import { registerDeadLettersCommand } from './commands/dead-letters.ts';
import { registerKeysCommand } from './commands/keys.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerSandboxCommand } from './commands/sandbox.ts';
import { registerSeedCommand } from './commands/seed.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerUsageCommand } from './commands/usage.ts';
import { registerUsersCommand } from './commands/users.ts';
import { registerWorkerCommand } from './commands/worker.ts';
import { fail } from './runtime/fail.ts';

/** The `invoiceops` command line; each command is a thin shell over core use cases. */
export function buildProgram(): Command {
  const program = new Command('invoiceops')
    .description('invoice automation for SaaS finance operations')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(`invoiceops: ${text.replace(/^error: /, 'error: ')}`) });
  registerStartCommand(program);
  registerServeCommand(program);
  registerWorkerCommand(program);
  registerMigrateCommand(program);
  registerSeedCommand(program);
  registerUsersCommand(program);
  registerUsageCommand(program);
  registerBillRunCommand(program);
  registerAuditCommand(program);
  registerDeadLettersCommand(program);
  registerKeysCommand(program);
  registerSandboxCommand(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch(fail);
