/**
 * Terminal output as the server wants it: plain text, and no more than a cap.
 * Errors are printed last, so when output is too long its tail is kept, not its head.
 * No `vscode` import here: the unit tests run on plain Node.
 */

// CSI (colours, cursor moves), OSC (titles, shell-integration marks: ESC ] ... BEL or ESC \),
// and the two-byte escapes that are left.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** The text without terminal escape sequences, with Windows/terminal line ends made `\n`. */
export function plainText(raw: string): string {
  return raw.replace(ANSI, '').replace(/\r+\n/g, '\n').replace(/\r/g, '\n');
}

/** The marker put where output was cut; it says how much, so a reader knows. */
export function cutMarker(dropped: number): string {
  return `[lsp-heal: ${dropped} earlier characters not sent]\n`;
}

/**
 * At most `max` characters of `text` (plus a marker): all of it, or the tail from a line start.
 * `dropped` says how much was already cut off before `text`: its first line is then partial
 * and goes too.
 */
export function capTail(text: string, max: number, dropped = 0): string {
  let start = Math.max(text.length - max, 0);
  if (start === 0 && dropped === 0) {
    return text;
  }
  const lineStart = text.indexOf('\n', start);
  if (lineStart !== -1 && lineStart < text.length - 1) {
    start = lineStart + 1; // a whole first line reads better than half of one
  }
  return cutMarker(dropped + start) + text.slice(start);
}

/**
 * Output that arrives in chunks, kept to a bounded size while it streams: a command that
 * prints gigabytes costs at most twice the cap in memory.
 */
export class TailBuffer {
  private chunks: string[] = [];
  private length = 0;
  private dropped = 0;

  constructor(private readonly max: number) {}

  append(chunk: string): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    if (this.length > 2 * this.max) {
      const joined = this.chunks.join('');
      const keep = joined.slice(joined.length - this.max);
      this.dropped += joined.length - keep.length;
      this.chunks = [keep];
      this.length = keep.length;
    }
  }

  /** The plain text kept, at most `max` characters of it, with the tail kept. */
  text(): string {
    return capTail(plainText(this.chunks.join('')), this.max, this.dropped);
  }
}
