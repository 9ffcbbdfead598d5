// Threshold colours: Grafana's named palette, plus hex and rgb()/rgba(). Anything else is refused on import, so a
// colour from a file can never become arbitrary CSS.

const PALETTE: Record<string, string> = {
  green: '#73BF69',
  'dark-green': '#37872D',
  'semi-dark-green': '#56A64B',
  'light-green': '#96D98D',
  red: '#F2495C',
  'dark-red': '#C4162A',
  'semi-dark-red': '#E02F44',
  'light-red': '#FF7383',
  yellow: '#FADE2A',
  'dark-yellow': '#E0B400',
  'semi-dark-yellow': '#F2CC0C',
  'light-yellow': '#FFEE52',
  orange: '#FF9830',
  'dark-orange': '#FA6400',
  'semi-dark-orange': '#FF780A',
  'light-orange': '#FFB357',
  blue: '#5794F2',
  'dark-blue': '#1F60C4',
  'semi-dark-blue': '#3274D9',
  'light-blue': '#8AB8FF',
  purple: '#B877D9',
  'dark-purple': '#8F3BB8',
  'semi-dark-purple': '#A352CC',
  'light-purple': '#CA95E5',
  text: '#464C54',
  transparent: 'transparent',
};

/** Grafana's colour names, for pickers. */
export const COLOR_NAMES = Object.keys(PALETTE).filter((n) => n !== 'transparent' && n !== 'text');

const LITERAL = /^(#[0-9a-f]{3,8}|rgba?\(\s*[\d.]+\s*,\s*[\d.]+\s*,\s*[\d.]+\s*(,\s*[\d.]+\s*)?\))$/i;

/** The CSS colour for a threshold colour, or null when it is not one we accept. */
export function cssColor(name: string): string | null {
  const key = name.toLowerCase();
  if (key in PALETTE) return PALETTE[key];
  return LITERAL.test(name) ? name : null;
}
