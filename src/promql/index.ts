// The PromQL package: parser, printer and engine.

export * from './parser/ast.ts';
export { parseExpr } from './parser/parse.ts';
export { formatExpr } from './parser/printer.ts';
export { FUNCTIONS } from './parser/functions.ts';
export { parseDuration } from './parser/lex.ts';
export { formatDuration } from '../model/duration.ts';
export { Engine, type EngineOptions } from './engine/engine.ts';
export { PromQLError, type QueryResult, type Sample, type Series, type Value } from './value.ts';
