/**
 * Well-formed nesting for a description's HTML, whose tags come from the text (<b>, <i>, <p>…, kept
 * by description-tags.ts) and from the spoilers and bold the renderer adds. Without it, a
 * description with an unclosed <b> would make the rest of the page bold, a stray </p> would close
 * the page's own paragraph, and a spoiler that crosses a <b> would end early. So:
 * - a closing tag that matches nothing open is dropped;
 * - a closing tag that matches an element further down closes the ones above it first and opens them
 *   again after it, as a browser does with misnested formatting (so a spoiler's text stays hidden);
 * - what is still open at the end is closed;
 * - at most MAX_OPEN elements are open at once, and deeper opening tags are dropped, so that reopening
 *   costs at most MAX_OPEN tags per closing tag: linear in the text.
 * The input holds no `<` but those of tags (every other one is escaped before this runs).
 */

/** How many elements may be open at once; a description needs a handful. */
const MAX_OPEN = 20
const VOID = new Set(['br'])
const TAG = /<(\/?)([a-z]+)[^<>]*>/g

interface Open {
  name: string
  /** The opening tag as written, to open the element again. */
  tag: string
}

/** The HTML with every element closed, in order. */
export function balanceTags(html: string): string {
  const open: Open[] = []
  let out = ''
  let last = 0
  for (const match of html.matchAll(TAG)) {
    out += html.slice(last, match.index)
    last = match.index + match[0].length
    const [tag, closing, name] = match as unknown as [string, string, string]
    if (VOID.has(name)) {
      if (!closing) out += tag
      continue
    }
    if (!closing) {
      if (open.length < MAX_OPEN) {
        open.push({ name, tag })
        out += tag
      }
      continue
    }
    const at = open.findLastIndex((element) => element.name === name)
    if (at < 0) continue
    const above = open.splice(at)
    for (let i = above.length - 1; i >= 0; i--) out += `</${above[i]!.name}>`
    for (const element of above.slice(1)) {
      open.push(element)
      out += element.tag
    }
  }
  out += html.slice(last)
  for (let i = open.length - 1; i >= 0; i--) out += `</${open[i]!.name}>`
  return out
}
