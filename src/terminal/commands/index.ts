// The terminal's command registry. To add a command, write `<name>.ts` next to this file exporting a `Command`
// (see types.ts) and add it to the list below; `help` prints them in this order and Tab completes their names.

import { cat } from './cat.ts';
import { clear } from './clear.ts';
import { echo } from './echo.ts';
import { grep } from './grep.ts';
import { help } from './help.ts';
import { history } from './history.ts';
import { ls } from './ls.ts';
import { dockerCompose } from './compose.ts';
import { docker } from './docker.ts';
import { curlCommand } from './curl.ts';
import { promlab } from './promlab.ts';
import { promtool } from './promtool.ts';
import type { Command } from './types.ts';

export const COMMANDS: readonly Command[] = [docker, dockerCompose, curlCommand, promtool, promlab, cat, ls, grep, echo, history, clear, help];
