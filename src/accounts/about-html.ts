/**
 * A user's `about` (Markdown they wrote) as HTML that is safe to put in a page. Every character of the
 * text is escaped first, so no tag or attribute the user typed ever comes through; only then is a small
 * set of Markdown turned into tags this module writes itself: paragraphs and line breaks, headings (#),
 * rules (---), **bold**, *italic*, ~~struck~~, `code`, AniList's ~!spoilers!~, and [links](https://…)
 * to http(s) addresses only. Anything else stays as (escaped) text.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** The text with every character that means something in HTML replaced by its entity. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

// Code spans and links are rendered first and parked behind markers, so that the emphasis rules cannot
// reach into them (an underscore in a URL, asterisks in code). NUL cannot come from the user: it is
// removed from the input before anything else.
const MARK = '\u0000'

class Parking {
  private readonly parked: string[] = []

  park(html: string): string {
    this.parked.push(html)
    return `${MARK}${this.parked.length - 1}${MARK}`
  }

  restore(text: string): string {
    return text.replace(new RegExp(`${MARK}(\\d+)${MARK}`, 'g'), (_m, i: string) => this.parked[Number(i)]!)
  }
}

// Applied to escaped text: a URL cannot hold a raw quote or bracket, and only http(s) is linked.
const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^\s()]+)\)/g
const CODE = /`([^`\n]+)`/g

function inline(escaped: string, parking: Parking): string {
  return escaped
    .replace(CODE, (_m, code: string) => parking.park(`<code>${code}</code>`))
    .replace(LINK, (_m, label: string, url: string) => parking.park(`<a href="${url}" rel="noopener noreferrer nofollow" target="_blank">${emphasis(label)}</a>`))
    .replace(/~!([\s\S]+?)!~/g, (_m, hidden: string) => parking.park(`<span class="markdown_spoiler"><span>${hidden.split('\n').map(emphasis).join('<br>\n')}</span></span>`))
    .replace(/[^\n]+/g, (line) => emphasis(line))
}

function emphasis(text: string): string {
  return text
    .replace(/\*\*(?=\S)(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(?<![A-Za-z0-9_])__(?=\S)(.+?)__(?![A-Za-z0-9_])/g, '<strong>$1</strong>')
    .replace(/\*(?=\S)(.+?)\*/g, '<em>$1</em>')
    .replace(/(?<![A-Za-z0-9_])_(?=\S)(.+?)_(?![A-Za-z0-9_])/g, '<em>$1</em>')
    .replace(/~~(?=\S)(.+?)~~/g, '<del>$1</del>')
}

/** One block (text between blank lines): headings and rules on their own lines, other lines joined by <br>. */
function block(lines: string[]): string {
  const out: string[] = []
  let paragraph: string[] = []
  const flush = () => {
    if (paragraph.length > 0) out.push(`<p>${paragraph.join('<br>\n')}</p>`)
    paragraph = []
  }
  for (const line of lines) {
    const heading = /^(#{1,6})\s+(.+)$/.exec(line)
    if (heading) {
      flush()
      out.push(`<h${heading[1]!.length}>${heading[2]!.trim()}</h${heading[1]!.length}>`)
    } else if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      flush()
      out.push('<hr>')
    } else {
      paragraph.push(line)
    }
  }
  flush()
  return out.join('\n')
}

/** The Markdown as safe HTML (see the module comment for what is turned into tags). */
export function aboutAsHtml(markdown: string): string {
  const parking = new Parking()
  const escaped = escapeHtml(markdown.replaceAll(MARK, '').replace(/\r\n?/g, '\n'))
  const blocks = escaped
    .split(/\n[ \t]*\n+/)
    .map((b) => b.replace(/^\n+|\n+$/g, ''))
    .filter((b) => b.trim() !== '')
  return parking.restore(blocks.map((b) => block(inline(b, parking).split('\n'))).join('\n'))
}
