/**
 * A strict reader of the HTML Kiroku's renderers write, for the XSS suite. No HTML parser is among the
 * dependencies, so this one reads the output as a browser would and is stricter: outside a tag every
 * character is text, and a `<` must open or close one of the tags the renderers write, with only the
 * attributes they write, every value quoted, its character references decoded as a browser decodes
 * them in an attribute, and every address an absolute http(s) URL. Elements must nest and close.
 * Anything else is a problem, described in the returned list (empty when the HTML is safe).
 */

/** The attributes each tag may carry, and what each attribute's (decoded) value must look like. */
const HTTP_URL = /^https?:\/\/[^\s/?#\\]/i
const ANY = /^[^\u0000-\u001f]*$/
const TAGS: Record<string, Record<string, RegExp>> = {
  p: {}, br: {}, hr: {}, strong: {}, em: {}, del: {}, b: {}, i: {}, code: {}, pre: {}, blockquote: {}, ul: {}, li: {},
  h1: {}, h2: {}, h3: {}, h4: {}, h5: {}, h6: {}, center: {},
  ol: { start: /^\d{1,9}$/ },
  span: { class: /^markdown_spoiler$/ },
  a: { href: HTTP_URL, rel: /^noopener noreferrer nofollow$/, target: /^_blank$/, title: ANY },
  img: { src: HTTP_URL, alt: ANY, width: /^(\d+%?)?$/, title: ANY },
  video: { muted: /^$/, loop: /^$/, controls: /^$/ },
  source: { src: HTTP_URL, type: /^video\/webm$/ },
}
const VOID = new Set(['br', 'hr', 'img', 'source'])
const REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }

/** An attribute's value as a browser reads it; null when it holds a reference this reader will not guess at. */
function decodeAttribute(raw: string): string | null {
  let unknown = false
  const value = raw.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) return (unknown = true), whole
    if (name in REFERENCES) return REFERENCES[name]!
    const numeric = /^#(?:x([0-9a-f]{1,6})|(\d{1,7}))$/i.exec(name)
    if (numeric) return String.fromCodePoint(parseInt(numeric[1] ?? numeric[2]!, numeric[1] ? 16 : 10))
    unknown = true
    return whole
  })
  return unknown ? null : value
}

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:=(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/y
const ATTRIBUTE = /\s+([A-Za-z_:][-A-Za-z0-9_:.]*)(?:=(?:"([^"]*)"|'([^']*)'))?/g

/** What is unsafe or unexpected in `html`: an empty list for HTML made only of the renderers' own markup. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = []
  const open: string[] = []
  if (html.includes('\u0000')) problems.push('a NUL character')
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    TAG.lastIndex = at
    const tag = TAG.exec(html)
    if (!tag) {
      problems.push(`a "<" that opens no known tag at ${at}: ${JSON.stringify(html.slice(at, at + 40))}`)
      continue
    }
    const [whole, closing, rawName, attributes, selfClosing] = tag as unknown as [string, string, string, string, string]
    const name = rawName.toLowerCase()
    const allowed = TAGS[name]
    if (!allowed || rawName !== name) {
      problems.push(`an unknown tag <${closing}${rawName}>`)
      continue
    }
    if (selfClosing) problems.push(`a self-closing <${name}/>`)
    if (closing) {
      if (attributes) problems.push(`attributes on </${name}>`)
      if (VOID.has(name)) problems.push(`a closing tag for the void <${name}>`)
      else if (open.pop() !== name) problems.push(`</${name}> closes what it did not open`)
      continue
    }
    const seen = new Set<string>()
    for (const [, attribute, double, single] of attributes.matchAll(ATTRIBUTE)) {
      const key = attribute!.toLowerCase()
      const rule = allowed[key]
      if (seen.has(key)) problems.push(`<${name}> repeats ${key}`)
      seen.add(key)
      if (!rule) {
        problems.push(`<${name}> carries the attribute ${attribute}${/^on/i.test(key) ? ' (an event handler)' : ''}`)
        continue
      }
      const value = decodeAttribute(double ?? single ?? '')
      if (value === null) problems.push(`<${name} ${key}> holds a character reference the renderer never writes: ${double ?? single}`)
      else if (!rule.test(value)) problems.push(`<${name} ${key}="${value}"> is not allowed`)
    }
    if ((name === 'a' && !seen.has('href')) || ((name === 'img' || name === 'source') && !seen.has('src'))) problems.push(`<${name}> without its address`)
    if (!VOID.has(name)) open.push(name)
    at += whole.length - 1
  }
  if (open.length > 0) problems.push(`unclosed elements: ${open.join(', ')}`)
  return problems
}
