/**
 * A command line split into words the way a POSIX shell quotes them (no expansions, no
 * operators): what an `lsp-heal` task runs is an argv list, never a shell.
 * Pure logic, unit-tested on plain Node.
 */

/** The words, or undefined when a quote is not closed. */
export function splitWords(line: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") { quote = undefined; } else { word += c; }
    } else if (quote === '"') {
      if (c === '"') {
        quote = undefined;
      } else if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
        word += line[++i];
      } else {
        word += c;
      }
    } else if (c === "'" || c === '"') {
      quote = c;
      word = word ?? '';
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) { words.push(word); word = undefined; }
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) {
    return undefined;
  }
  if (word !== undefined) {
    words.push(word);
  }
  return words;
}
