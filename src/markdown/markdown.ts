/**
 * AniList-flavoured markdown to HTML that is safe to put in a page: the renderer for everything users
 * write (a user's about today; activity, forum and character or staff descriptions as they come).
 *
 * Built on markdown-it (CommonMark, linear time) with raw HTML off, so every tag and attribute the user
 * typed is escaped and only tags this module writes reach the output. What is rendered:
 * - CommonMark: paragraphs (a single line break is a <br>, as on AniList), # headings, > quotes, lists,
 *   `code` and ``` fenced or indented code blocks, --- rules, *em* / _em_, **strong** / __strong__,
 *   [links](https://…) and ![images](https://…), <https://…> autolinks and bare https:// URLs;
 * - ~~struck~~ as <del>;
 * - AniList's ~!spoilers!~ (spoiler-rule.ts), ~~~centred~~~ blocks (center-rule.ts), img(url),
 *   img###(url) (any width, in pixels or percent), webm(url), youtube(id) (embed-rule.ts), and @name
 *   mentions linked to the user's profile on this server (mention-rule.ts).
 * Links and images go to absolute http(s) URLs only (anything else stays text); every link carries
 * rel="noopener noreferrer nofollow" and target="_blank". Tables and HTML are not rendered (AniList's
 * markdown has neither as syntax; typed HTML shows as text). NUL becomes U+FFFD, as CommonMark says.
 */
import { createRequire } from 'node:module'
import type MarkdownItModule from 'markdown-it'
import type { MarkdownIt as Markdown, StateCore } from 'markdown-it'
import { isSafeUrl, LINK_REL } from './safe-url.js'
import { spoilers } from './spoiler-rule.js'
import { centredBlocks } from './center-rule.js'
import { embeds } from './embed-rule.js'
import { mentions } from './mention-rule.js'

// How deep blocks (quotes, lists) and inline markup (links in emphasis in spoilers…) may nest; deeper
// content is dropped. markdown-it's default is 100, and an unclosed `[` costs it work in proportion to
// this depth: 20 is deeper than any profile needs and makes bracket-heavy text about five times cheaper.
const MAX_NESTING = 20

/** What the rendered HTML depends on beyond the text. */
export interface MarkdownOptions {
  /** The server's public URL (config.publicUrl), which @mentions link under: `${publicUrl}/user/name`. */
  publicUrl: string
}

/** A markdown-it instance configured as the module comment says; build once and reuse. */
export function createMarkdown(options: MarkdownOptions): Markdown {
  // Required when the first markdown is rendered, not at start-up: markdown-it is a few percent of a
  // start-up's time and memory, and many requests never render any.
  const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItModule
  const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false, maxNesting: MAX_NESTING })
  md.disable(['table'])
  // Bare URLs are linked only with a scheme: "example.com" and "a@b.c" stay text.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false })
  // Links, images, autolinks and linkified URLs all pass through here.
  md.validateLink = isSafeUrl
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    tokens[idx]!.attrSet('rel', LINK_REL)
    tokens[idx]!.attrSet('target', '_blank')
    return self.renderToken(tokens, idx, options)
  }
  // Without markdown-it's class="language-…" taken from the fence's info string: no class the user chose.
  md.renderer.rules.fence = (tokens, idx) => `<pre><code>${md.utils.escapeHtml(tokens[idx]!.content)}</code></pre>\n`
  md.renderer.rules.s_open = () => '<del>'
  md.renderer.rules.s_close = () => '</del>'
  md.core.ruler.push('empty_destinations', dropEmptyDestinations)
  md.use(spoilers).use(centredBlocks).use(embeds).use(mentions, options.publicUrl)
  return md
}

/**
 * `[text]()` and `![alt]()`: markdown-it checks a destination with validateLink only when there is
 * one, and makes a link to "" (this very page) or an image of it when there is none. Such a link
 * becomes its text alone, and such an image its alt text, so that every href and src is http(s).
 */
function dropEmptyDestinations(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue
    let inUnsafeLink = false
    for (const token of block.children) {
      let unsafe = false
      if (token.type === 'link_open') unsafe = inUnsafeLink = !isSafeUrl(String(token.attrGet('href') ?? ''))
      else if (token.type === 'link_close') [unsafe, inUnsafeLink] = [inUnsafeLink, false]
      else if (token.type === 'image') unsafe = !isSafeUrl(String(token.attrGet('src') ?? ''))
      if (!unsafe) continue
      // An emptied token renders as the text it holds: nothing for a link's ends, the alt text for an image.
      if (token.type !== 'image') token.content = ''
      token.type = 'text'
      token.children = null
    }
  }
}

/** The markdown as safe HTML, without markdown-it's final line break. */
export function renderMarkdown(md: Markdown, text: string): string {
  const html = md.render(text)
  return html.endsWith('\n') ? html.slice(0, -1) : html
}
