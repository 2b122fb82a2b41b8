export { runtimeConfigFromEnv } from './runtime/config.ts';
