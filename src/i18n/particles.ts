// Korean particles chosen from the word they follow, never left as `을(를)`: 을/를, 은/는, 이/가, 와/과, 으로/로.
// The choice depends on the final sound of the word as a Korean reader says it:
// - a Hangul syllable: its final consonant (jongseong); 으로/로 also treats a final ㄹ like no final (서울로).
// - digits, read in Sino-Korean: 0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔 end in a consonant (1, 7, 8 in ㄹ); 2 이, 4 사, 5 오,
//   9 구 do not; a number ending in 0 reads 십/백/천/만 (a consonant).
// - durations such as 5s, 1m: the unit's reading (초, 분, 시간, 일, 주, 년; ms 밀리초).
// - a single Latin letter or an upper-case acronym: the last letter's name (엘, 엠, 엔, 알 end in a consonant).
// - an English word: how loanwords are written — -ng (ㅇ), -m(e), -n(e) (name 네임), -l(e) (ㄹ: total, rule),
//   -ck/-ic/-ique, and a single vowel before a final b, p, k, t (job 잡, up 업, target 타깃) end in a consonant;
//   -r, other -e, -s, -x, -d, -g, -y … do not (server 서버, rate 레이트, instance 인스턴스, log 로그).
// Quotes, brackets and other punctuation at the end are skipped (`up{job="x"}` reads like its last word).

export type Particle = '을' | '를' | '은' | '는' | '이' | '가' | '와' | '과' | '으로' | '로';

const PAIRS: Record<Particle, readonly [withFinal: string, withoutFinal: string]> = {
  을: ['을', '를'],
  를: ['을', '를'],
  은: ['은', '는'],
  는: ['은', '는'],
  이: ['이', '가'],
  가: ['이', '가'],
  와: ['과', '와'],
  과: ['과', '와'],
  으로: ['으로', '로'],
  로: ['으로', '로'],
};

export const PARTICLES = Object.keys(PAIRS) as Particle[];

/** The final sound: none, ㄹ, or another consonant. */
type Final = 'none' | 'rieul' | 'other';

const DIGIT: Record<string, Final> = { 0: 'other', 1: 'rieul', 2: 'none', 3: 'other', 4: 'none', 5: 'none', 6: 'other', 7: 'rieul', 8: 'rieul', 9: 'none' };
const UNIT: Record<string, Final> = { ms: 'none', s: 'none', m: 'other', h: 'other', d: 'rieul', w: 'none', y: 'other' };
const LETTER: Record<string, Final> = { l: 'rieul', m: 'other', n: 'other', r: 'rieul' };

function hangulFinal(ch: string): Final {
  const jong = (ch.charCodeAt(0) - 0xac00) % 28;
  return jong === 0 ? 'none' : jong === 8 ? 'rieul' : 'other';
}

function englishFinal(word: string): Final {
  const w = word.toLowerCase();
  if (/(ng|[mn]e?)$/.test(w)) return 'other';
  if (/le?$/.test(w)) return 'rieul';
  if (/(ck|ic|ique)$/.test(w)) return 'other';
  if (/(^|[^aeiou])[aeiou][bpkt]$/.test(w)) return 'other';
  return 'none';
}

function finalOf(word: string): Final {
  const text = word.replace(/[^\p{L}\p{N}]+$/u, '');
  if (text === '') return 'none';
  const last = text[text.length - 1];
  if (/[\uac00-\ud7a3]/.test(last)) return hangulFinal(last);
  const duration = /\d(ms|[smhdwy])$/.exec(text);
  if (duration) return UNIT[duration[1]];
  if (/\d$/.test(text)) return DIGIT[last];
  const word2 = /[A-Za-z]+$/.exec(text)?.[0] ?? '';
  if (word2.length === 1 || (word2.length <= 5 && word2 === word2.toUpperCase())) return LETTER[last.toLowerCase()] ?? 'none';
  return englishFinal(word2);
}

/** The form of `p` that follows `word`. */
export function particle(word: string, p: Particle): string {
  const final = finalOf(word);
  const [withFinal, withoutFinal] = PAIRS[p];
  if (withFinal === '으로') return final === 'other' ? withFinal : withoutFinal;
  return final === 'none' ? withoutFinal : withFinal;
}

/** `word` followed by the right form of `p`. */
export function withParticle(word: string, p: Particle): string {
  return word + particle(word, p);
}

export function isParticle(s: string): s is Particle {
  return (PARTICLES as string[]).includes(s);
}
