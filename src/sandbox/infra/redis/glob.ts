/**
 * Redis' glob-style pattern matching (stringmatchlen in util.c): `*`, `?`, `[abc]`, `[^a]`,
 * `[a-z]` and `\` escapes. Used to count PSUBSCRIBE receivers of a PUBLISH.
 */
export function globMatches(pattern: string, text: string): boolean {
  return match(pattern, 0, text, 0);
}

function match(p: string, pi: number, s: string, si: number): boolean {
  while (pi < p.length) {
    const c = p[pi];
    if (c === '*') {
      while (p[pi + 1] === '*') pi++;
      if (pi + 1 === p.length) return true;
      for (let k = si; k <= s.length; k++) if (match(p, pi + 1, s, k)) return true;
      return false;
    }
    if (si >= s.length) return false;
    if (c === '?') {
      pi++;
      si++;
      continue;
    }
    if (c === '[') {
      let i = pi + 1;
      const negate = p[i] === '^';
      if (negate) i++;
      let matched = false;
      while (i < p.length && p[i] !== ']') {
        if (p[i] === '\\' && i + 1 < p.length) {
          if (p[i + 1] === s[si]) matched = true;
          i += 2;
        } else if (p[i + 1] === '-' && i + 2 < p.length && p[i + 2] !== ']') {
          const [low, high] = [p[i], p[i + 2]].sort();
          if (s[si] >= low && s[si] <= high) matched = true;
          i += 3;
        } else {
          if (p[i] === s[si]) matched = true;
          i++;
        }
      }
      if (negate) matched = !matched;
      if (!matched) return false;
      pi = i + 1;
      si++;
      continue;
    }
    if (c === '\\' && pi + 1 < p.length) pi++;
    if (p[pi] !== s[si]) return false;
    pi++;
    si++;
  }
  return si === s.length;
}
