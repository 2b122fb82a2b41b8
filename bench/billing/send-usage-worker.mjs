// Worker entry: loads the TypeScript load generator through tsx (a worker does not inherit
// the parent's --import hooks on Node 20).
import { tsImport } from 'tsx/esm/api';

await tsImport('./send-usage.ts', import.meta.url);
