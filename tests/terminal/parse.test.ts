import { describe, expect, it } from 'vitest';
import { braceExpand, expandWord } from '../../src/terminal/expand.ts';
import { isIncomplete, parseShell, ShellSyntaxError, type Command, type Word } from '../../src/terminal/parse.ts';

const text = (w: Word) => expandWord(w, new Map());
const simple = (src: string) => {
  const cmd = parseShell(src).items[0].pipeline.commands[0];
  if (cmd.type !== 'simple') throw new Error('not a simple command');
  return cmd;
};

describe('shell parser', () => {
  it('splits the chapter compose command into words', () => {
    expect(simple('docker compose -f docker-compose.yml up -d --scale accesslog=3').words.flatMap(text)).toEqual([
      'docker', 'compose', '-f', 'docker-compose.yml', 'up', '-d', '--scale', 'accesslog=3',
    ]);
  });

  it('parses the chapter loop with its redirect inside the body', () => {
    const list = parseShell('for i in {1..10}; do curl http://localhost:8010 > /dev/null; done');
    const loop = list.items[0].pipeline.commands[0] as Extract<Command, { type: 'for' }>;
    expect(loop.type).toBe('for');
    expect(loop.variable).toBe('i');
    expect(loop.items.flatMap(text)).toHaveLength(10);
    const body = loop.body.items[0].pipeline.commands[0];
    expect(body.type === 'simple' && body.redirects).toEqual([{ fd: 1, append: false, target: [{ text: '/dev/null', quote: 'none' }] }]);
  });

  it('keeps quoted text whole and unexpanded', () => {
    const cmd = simple(`curl 'http://localhost:9090/api/v1/query?query=sum(up) by (job)' "a b" c\\ d`);
    expect(cmd.words.flatMap(text)).toEqual(['curl', 'http://localhost:9090/api/v1/query?query=sum(up) by (job)', 'a b', 'c d']);
    expect(simple(`echo '{1..3}'`).words.flatMap(text)).toEqual(['echo', '{1..3}']);
  });

  it('joins lists with ; && || and pipelines with |', () => {
    const list = parseShell('docker compose ps && echo ok || echo no; curl -s x | grep y');
    expect(list.items.map((i) => i.op)).toEqual([';', '&&', '||', ';']);
    expect(list.items[3].pipeline.commands).toHaveLength(2);
  });

  it('reads 2>&1, 2> and &> redirects', () => {
    expect(simple('curl x 2>&1').redirects).toEqual([{ fd: 2, append: false, target: null }]);
    expect(simple('curl x 2> /dev/null').redirects[0].fd).toBe(2);
    expect(simple('curl x &> /dev/null').redirects[0].fd).toBe('both');
  });

  it('reports syntax errors in bash words', () => {
    expect(() => parseShell('for i in 1 2; curl x; done')).toThrow("syntax error near unexpected token `curl'");
    expect(() => parseShell('echo a &&')).toThrow(ShellSyntaxError);
    expect(() => parseShell('| grep x')).toThrow("syntax error near unexpected token `|'");
    expect(() => parseShell('echo "open')).toThrow('unexpected EOF while looking for matching');
    expect(() => parseShell('curl x >')).toThrow("syntax error near unexpected token `newline'");
    expect(() => parseShell('for 1x in a; do echo; done')).toThrow('not a valid identifier');
  });

  it('knows an unfinished line from a broken one', () => {
    expect(isIncomplete('for i in {1..3}; do echo $i;')).toBe(true);
    expect(isIncomplete("echo 'abc")).toBe(true);
    expect(isIncomplete('echo ;;')).toBe(false);
  });
});

describe('word expansion', () => {
  it('expands ranges and lists like bash', () => {
    expect(braceExpand('{1..3}')).toEqual(['1', '2', '3']);
    expect(braceExpand('{3..1}')).toEqual(['3', '2', '1']);
    expect(braceExpand('a{x,y}b')).toEqual(['axb', 'ayb']);
    expect(braceExpand('{single}')).toEqual(['{single}']);
    expect(braceExpand('up{job="x"}')).toEqual(['up{job="x"}']);
  });

  it('substitutes variables outside single quotes', () => {
    const vars = new Map([['i', '7']]);
    expect(expandWord([{ text: 'n=$i', quote: 'none' }], vars)).toEqual(['n=7']);
    expect(expandWord([{ text: '${i}x', quote: 'double' }], vars)).toEqual(['7x']);
    expect(expandWord([{ text: '$i', quote: 'single' }], vars)).toEqual(['$i']);
  });
});
