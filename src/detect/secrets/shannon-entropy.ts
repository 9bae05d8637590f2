/**
 * Shannon entropy in bits per character of a string, over its own character frequencies. Used
 * to tell random-looking values (keys) from words and placeholders; thresholds are per rule.
 */
export function shannonEntropy(text: string): number {
  if (text.length === 0) {
    return 0;
  }
  const counts = new Map<string, number>();
  for (const char of text) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let entropy = 0;
  const total = Array.from(text).length;
  for (const count of counts.values()) {
    const p = count / total;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
