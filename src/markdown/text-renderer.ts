/**
 * The one way Kiroku turns stored text into HTML: users' markdown (markdown.ts) or imported media
 * descriptions (description-html.ts). Each flavour keeps a bounded cache of what it rendered, so a
 * text asked for again, in the same request (aliases) or a later one, costs a lookup; only renders
 * are charged to the request's RenderBudget, by the length of the text.
 */
import type { MarkdownIt } from 'markdown-it'
import { createMarkdown, renderMarkdown, type MarkdownOptions } from './markdown.js'
import { descriptionToHtml } from './description-html.js'
import { RenderCache } from './render-cache.js'
import type { RenderBudget } from './render-budget.js'

/** What kind of text is rendered: user-written markdown, or a (vetted) media description. */
export type TextFlavour = 'markdown' | 'description'

/** Characters of text and HTML each flavour's cache holds by default (about 16 MB of strings at most). */
export const DEFAULT_CACHE_CHARS = 4_000_000

/** How a TextRenderer is made: what markdown needs (the server's public URL), and its caches' size. */
export interface TextRendererOptions extends MarkdownOptions {
  /** Characters each flavour's cache holds (DEFAULT_CACHE_CHARS when absent). */
  cacheChars?: number
}

export class TextRenderer {
  // Made on the first markdown rendered (markdown.ts loads markdown-it then).
  private md: MarkdownIt | undefined
  private readonly caches: Record<TextFlavour, RenderCache>
  private readonly markdownOptions: MarkdownOptions

  constructor(options: TextRendererOptions) {
    const cacheChars = options.cacheChars ?? DEFAULT_CACHE_CHARS
    this.markdownOptions = { publicUrl: options.publicUrl }
    this.caches = { markdown: new RenderCache(cacheChars), description: new RenderCache(cacheChars) }
  }

  /** The text as safe HTML, from the cache or rendered and charged; null when the budget cannot pay for it. */
  render(flavour: TextFlavour, text: string, budget: RenderBudget): string | null {
    const cache = this.caches[flavour]
    const cached = cache.get(text)
    if (cached !== undefined) return cached
    if (!budget.spend(text.length)) return null
    const html = flavour === 'markdown' ? renderMarkdown((this.md ??= createMarkdown(this.markdownOptions)), text) : descriptionToHtml(text)
    cache.set(text, html)
    return html
  }
}
