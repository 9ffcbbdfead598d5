// Go text/template for rule annotations and notification texts.

export { parseTemplate, TemplateError, type Template } from './parse.ts';
export { execute, type ExecOptions, type TemplateFunc } from './exec.ts';
export { ALERTMANAGER_FUNCS, PROMETHEUS_FUNCS, goTime } from './funcs.ts';
export { formatValue, sprintf } from './format.ts';
