export const ko = {
  'holder.other': '다른 탭이 이 실습장을 쓰며 저장하고 있습니다. 이 탭에서 한 일은 저장되지 않습니다.',
  'holder.released': '다른 탭이 실습장을 넘겨받았습니다. 이 탭은 멈췄습니다.',
  'holder.freed': '다른 탭이 실습장을 놓았습니다. 다시 불러오면 저장된 데이터에서 이어 갑니다.',
  'holder.takeOver': '이 탭에서 이어 하기',
  'holder.reload': '다시 불러오기',
} as const;

export const en: Record<keyof typeof ko, string> = {
  'holder.other': 'Another tab is using this playground and saving it. What you do in this tab is not saved.',
  'holder.released': 'Another tab took over the playground. This tab has stopped.',
  'holder.freed': 'The other tab let go of the playground. Reload to continue from what it saved.',
  'holder.takeOver': 'Continue in this tab',
  'holder.reload': 'Reload',
};
