import { Environment } from '@marcbachmann/cel-js';
import { CEL_MESSAGE_CLASSES, CEL_MESSAGE_TYPES, CEL_VARIABLES } from './cel-context-types.ts';
import { decimalCompare, exceedsTolerance } from './decimal-functions.ts';

/**
 * The one CEL environment rules compile against: the context's variables and message
 * types (so expressions are type-checked at save), plus the decimal helpers. Undeclared
 * variables are errors. Built once: creating an environment is the expensive part.
 */
function createRuleEnvironment(): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: false });
  for (const [name, fields] of Object.entries(CEL_MESSAGE_TYPES)) {
    env.registerType(name, { ctor: CEL_MESSAGE_CLASSES.get(name)!, fields: { ...fields } });
  }
  for (const [name, type] of Object.entries(CEL_VARIABLES)) env.registerVariable(name, type);
  env.registerFunction('decimalCompare(string, string): int', decimalCompare, {
    description: '-1, 0 or 1 as the first decimal string is less than, equal to or greater than the second',
  });
  env.registerFunction('exceedsTolerance(string, string, int): bool', exceedsTolerance, {
    description: 'true when actual differs from expected by more than the given basis points of expected',
  });
  return env;
}

/** The shared, fully registered rule environment. */
export const RULE_ENVIRONMENT: Environment = createRuleEnvironment();
