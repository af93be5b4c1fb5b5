/**
 * Rendered HTML by source text, bounded by the characters it holds (text and HTML together) rather than
 * by a count, so that a few long texts cannot hold far more memory than many short ones. The least
 * recently used entries go first; a text too large to be worth a slot is not kept at all.
 */
export class RenderCache {
  private readonly entries = new Map<string, string>()
  private held = 0

  /** Holds at most `capacity` characters; texts over an eighth of that are rendered every time. */
  constructor(private readonly capacity: number) {}

  /** The HTML rendered for `text`, if it is still held (and now the most recently used). */
  get(text: string): string | undefined {
    const html = this.entries.get(text)
    if (html === undefined) return undefined
    this.entries.delete(text)
    this.entries.set(text, html)
    return html
  }

  /** Remembers the HTML for `text`, forgetting the least recently used entries to make room. */
  set(text: string, html: string): void {
    const size = text.length + html.length
    if (size > this.capacity / 8 || this.entries.has(text)) return
    this.entries.set(text, html)
    this.held += size
    for (const [oldText, oldHtml] of this.entries) {
      if (this.held <= this.capacity) break
      this.entries.delete(oldText)
      this.held -= oldText.length + oldHtml.length
    }
  }

  /** The characters held now (text and HTML). */
  get size(): number {
    return this.held
  }
}
