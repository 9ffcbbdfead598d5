import { describe, expect, it } from 'vitest';
import { particle, withParticle } from '../../src/i18n/particles.ts';
import { format } from '../../src/ui/i18n/messages.ts';

describe('particles follow the final sound of the word', () => {
  it('reads a Hangul syllable\'s final consonant, and treats ㄹ as no final before 로', () => {
    expect(withParticle('레이블', '을')).toBe('레이블을');
    expect(withParticle('타깃', '은')).toBe('타깃은');
    expect(withParticle('메트릭', '이')).toBe('메트릭이');
    expect(withParticle('시리즈', '를')).toBe('시리즈를');
    expect(withParticle('서버', '와')).toBe('서버와');
    expect(withParticle('규칙', '으로')).toBe('규칙으로');
    expect(withParticle('파일', '으로')).toBe('파일로');
    expect(withParticle('이미지', '으로')).toBe('이미지로');
  });

  it('reads digits and durations as Korean says them', () => {
    expect(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => particle(d, '을'))).toEqual(['을', '을', '를', '을', '를', '를', '을', '을', '을', '를']);
    expect(withParticle('10', '는')).toBe('10은');
    expect(withParticle('11', '로')).toBe('11로');
    expect(withParticle('3', '로')).toBe('3으로');
    expect(withParticle('5s', '을')).toBe('5s를');
    expect(withParticle('1m', '이')).toBe('1m이');
    expect(withParticle('30d', '로')).toBe('30d로');
  });

  it('reads letters by their names and English words as loanwords', () => {
    expect(withParticle('URL', '을')).toBe('URL을');
    expect(withParticle('API', '를')).toBe('API를');
    expect(withParticle('DNS', '가')).toBe('DNS가');
    expect(withParticle('instance', '을')).toBe('instance를');
    expect(withParticle('job', '은')).toBe('job은');
    expect(withParticle('hostname', '이')).toBe('hostname이');
    expect(withParticle('access_log_total', '을')).toBe('access_log_total을');
    expect(withParticle('rate', '을')).toBe('rate를');
    expect(withParticle('accesslog', '와')).toBe('accesslog와');
    expect(withParticle('target', '으로')).toBe('target으로');
    expect(withParticle('up{job="iotd-api"}', '이')).toBe('up{job="iotd-api"}가');
    expect(withParticle('server', '는')).toBe('server는');
    expect(withParticle('sum', '과')).toBe('sum과');
  });

  it('fills `{name|을}` in UI messages from the value', () => {
    expect(format('{name}{name|을} 써야 합니다', { name: 'rate' })).toBe('rate를 써야 합니다');
    expect(format('{name}{name|을} 써야 합니다', { name: 'sum' })).toBe('sum을 써야 합니다');
    expect(format('{n}{n|으로} 늘립니다', { n: 3 })).toBe('3으로 늘립니다');
  });
});
