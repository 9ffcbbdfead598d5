// Strings of the quizzes.

export const ko = {
  'quiz.title': '퀴즈',
  'quiz.score': '점수 {correct}/{total}',
  'quiz.answered': '{answered}/{total} 문항 답함',
  'quiz.retry': '이 문제 다시 풀기',
  'quiz.retryAll': '모두 다시 풀기',
  'quiz.labelsMatter': '레이블까지 채점합니다: 결과 시리즈의 레이블이 문제에서 말한 대로여야 합니다.',
  'quiz.chapterNumbered': '챕터 문제 {label}',
  'quiz.submit': '제출',
  'quiz.correct': '정답입니다',
  'quiz.wrong': '틀렸습니다',
  'quiz.answerWas': '정답: {answer}',
  'quiz.chapter': '챕터 문제',
  'quiz.promqlHint': '고정된 데이터셋(마지막 샘플 시각)에서 평가합니다',
  'quiz.configHint': '설정 검증기(promtool과 같은 규칙)로 확인합니다',
  'quiz.yourAnswer': '내 답',
  'quiz.dataset': '데이터셋 ({interval} 간격, promql 테스트 표기 a+bxN)',
} as const;

export const en: Record<keyof typeof ko, string> = {
  'quiz.title': 'Quiz',
  'quiz.score': 'Score {correct}/{total}',
  'quiz.answered': '{answered}/{total} answered',
  'quiz.retry': 'Try this question again',
  'quiz.retryAll': 'Start the quiz over',
  'quiz.labelsMatter': 'Labels are graded too: the result\'s series must carry the labels the question asks for.',
  'quiz.chapterNumbered': 'chapter {label}',
  'quiz.submit': 'Submit',
  'quiz.correct': 'Correct',
  'quiz.wrong': 'Wrong',
  'quiz.answerWas': 'Answer: {answer}',
  'quiz.chapter': 'from the chapter',
  'quiz.promqlHint': 'Evaluated on a fixed dataset, at its last sample',
  'quiz.configHint': 'Checked by the config validator (promtool\'s rules)',
  'quiz.yourAnswer': 'Your answer',
  'quiz.dataset': 'Dataset ({interval} apart, promql test notation a+bxN)',
};
