export * from './bm25';
export * from './dense';
export * from './metrics';
export * from './embed';
export * from './prompt';
export * from './compare';
export * from './corpus';
export { QUERIES, type JudgedQuery } from './queries';
