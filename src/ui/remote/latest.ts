// Answers from the worker to questions asked again with every snapshot: each answer shows unless a newer
// one already did, so a slow worker still updates the page instead of every answer being superseded.

export function latestAnswer<T>(show: (value: T) => void): (answer: Promise<T>) => void {
  let asked = 0;
  let shown = 0;
  return (answer) => {
    const n = ++asked;
    answer.then(
      (value) => {
        if (n < shown) return;
        shown = n;
        show(value);
      },
      // A question the worker cannot answer (an expression being typed, say) leaves the last answer up.
      () => undefined,
    );
  };
}
