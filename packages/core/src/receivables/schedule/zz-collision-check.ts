export * from '../../index.ts';
export * from '../rating/index.ts';
export * from './index.ts';
