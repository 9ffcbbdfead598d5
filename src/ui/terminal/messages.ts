// Strings of the terminal drawer.

export const ko = {
  'terminal.title': '터미널',
  'terminal.open': '터미널 열기',
  'terminal.close': '터미널 닫기',
  'terminal.welcome': 'promlab 터미널 — 챕터의 Docker 호스트(~/exercises)를 흉내 냅니다. help 를 입력해 보세요.',
  'terminal.input': '명령 입력',
} as const;

export const en: Record<keyof typeof ko, string> = {
  'terminal.title': 'Terminal',
  'terminal.open': 'Open the terminal',
  'terminal.close': 'Close the terminal',
  'terminal.welcome': 'promlab terminal — a simulated Docker host with the chapter\'s exercises in ~/exercises. Type help.',
  'terminal.input': 'Command input',
};
