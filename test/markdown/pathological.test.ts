/**
 * Inputs that make backtracking renderers quadratic (unclosed delimiters, deep nesting, long runs),
 * at 60 KB: each renders, holds no NUL, and its HTML stays within a small multiple of its length.
 * How the time grows with the length is measured by bench/markdown.mjs (no timings in tests).
 */
import { describe, expect, it } from 'vitest'
import { createMarkdown, renderMarkdown } from '../../src/markdown/markdown.js'
import { descriptionToHtml } from '../../src/markdown/description-html.js'
import { TextRenderer } from '../../src/markdown/text-renderer.js'
import { RenderBudget } from '../../src/markdown/render-budget.js'

const SIZE = 60 * 1024
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE)
// `"` and `&` are the only characters whose escape is longer than five: none of these inputs has `"`.
const MAX_GROWTH = 8
const PUBLIC_URL = 'https://kiroku.example'

const MARKDOWN_INPUTS: Record<string, string> = {
  'unclosed _': fill('_a '),
  'unclosed *': fill('*a '),
  'unclosed **': fill('**a '),
  'unclosed __': fill('__a '),
  'unclosed ~!': fill('~!a '),
  'unclosed !~': fill('!~a '),
  'unclosed ~~': fill('~~a '),
  'unclosed [': fill('[a '),
  'unclosed [ per line': fill('[a\n'),
  'nested brackets': fill('[').slice(SIZE / 2) + fill(']').slice(SIZE / 2),
  'link openers': fill('[a]('),
  'image openers': fill('![a]('),
  'backticks': fill('`a ``b '),
  'backtick runs': fill('`').slice(SIZE / 2) + fill('a'.repeat(7) + '`'.repeat(3)).slice(SIZE / 2),
  'unclosed img(': fill('img('),
  'unclosed youtube(': fill('youtube( '),
  '~~~ lines': fill('~~~a\n'),
  'tilde run': fill('~'),
  'nested quotes': fill('>'),
  'one-line paragraphs': fill('a\n\n'),
  'nested lists': Array.from({ length: SIZE / 8 }, (_, i) => `${' '.repeat((i % 40) * 2)}- a`).join('\n'),
  'entities': fill('&#x'),
  'angle brackets': fill('<a '),
  'bare URL starts': fill('https:// '),
  'mixed': fill('_a *b ~~c ~!d [e `f img( '),
}

// The rules added for issue 14, mentions and img###() of any width: [text, how much its HTML may grow].
// Inputs that are all mentions or images turn every few characters into a tag with an address, so
// their HTML grows by a larger (still constant) factor than the rest.
const LINKING_GROWTH = 16
const NEW_RULE_INPUTS: Record<string, [string, number]> = {
  'at signs': [fill('@'), MAX_GROWTH],
  'doubled at signs': [fill('@@ab '), MAX_GROWTH],
  'over-long names': [fill('@abcdefghijklmnopqrstu '), MAX_GROWTH],
  'names inside words': [fill('a@bc'), MAX_GROWTH],
  'one long width': [`img${fill('1').slice(4)}`, MAX_GROWTH],
  'unclosed widths': [fill('img9999999('), MAX_GROWTH],
  'spaced widths': [fill('img 220 ('), MAX_GROWTH],
  'upper-case embeds': [fill('IMG220(x '), MAX_GROWTH],
  'unclosed percent widths': [fill('img50%(https://i.example/a.png '), MAX_GROWTH],
  'word starts': [fill('i w y I W Y '), MAX_GROWTH],
  'mentions': [fill('@ab '), LINKING_GROWTH],
  'longest names': [fill('@abcdefghijklmnopqrst '), LINKING_GROWTH],
  'mentions in spoilers and emphasis': [fill('~!@ab!~ **@cd** '), LINKING_GROWTH],
  'mentions in unclosed link text': [fill('[@ab '), LINKING_GROWTH],
  'mentions in unclosed spoilers': [fill('~!@ab '), LINKING_GROWTH],
  'images of every width': [fill('img220(https://i.example/a.png) img5%(https://i.example/b.png) '), LINKING_GROWTH],
}

describe('pathological markdown', () => {
  const md = createMarkdown({ publicUrl: PUBLIC_URL })
  for (const [name, text] of Object.entries(MARKDOWN_INPUTS)) {
    it(`renders 60 KB of ${name} into bounded HTML`, () => {
      const html = renderMarkdown(md, text)
      expect(html.length).toBeGreaterThan(0)
      expect(html.length).toBeLessThanOrEqual(MAX_GROWTH * text.length)
      expect(html).not.toContain('\u0000')
    })
  }
})

describe('pathological mentions and images, charged to a render budget', () => {
  // What bounds a request's rendering is its budget (MAX_RENDERED_CHARS), charged by length: each
  // 60 KB text renders within a budget of exactly its length, and a budget one character short
  // renders nothing and is charged nothing.
  const renderer = new TextRenderer({ publicUrl: PUBLIC_URL, cacheChars: 0 })
  for (const [name, [text, growth]] of Object.entries(NEW_RULE_INPUTS)) {
    it(`renders 60 KB of ${name} into bounded HTML, for its length`, () => {
      const short = new RenderBudget(text.length - 1)
      expect(renderer.render('markdown', text, short)).toBeNull()
      expect(short.used).toBe(0)
      const budget = new RenderBudget(text.length)
      const html = renderer.render('markdown', text, budget)
      expect(budget.used).toBe(text.length)
      expect(html!.length).toBeGreaterThan(0)
      expect(html!.length).toBeLessThanOrEqual(growth * text.length)
      expect(html).not.toContain('\u0000')
    })
  }
})

describe('pathological descriptions', () => {
  const inputs: Record<string, string> = {
    'unclosed ~!': fill('~!a '),
    'unclosed __': fill('__a '),
    'unclosed tags': fill('<b '),
    'tag names without an end': `<${fill('a')}`,
    'line breaks': fill('<br>\n'),
    'unclosed kept tags': fill('<b>'),
    'stray closing tags': fill('</i>a'),
    'misnested tags': fill(`<i>${'<b>'.repeat(18)}</i>`),
  }
  // A tag that crosses a spoiler closes it and opens it again: its markup is written twice.
  const crossing: Record<string, string> = { 'crossed spoilers': fill('<b>~!a</b>b!~') }
  for (const [name, text] of Object.entries({ ...inputs, ...crossing })) {
    it(`renders 60 KB of ${name} into bounded HTML`, () => {
      const html = descriptionToHtml(text)
      expect(html.length).toBeGreaterThan(0)
      expect(html.length).toBeLessThanOrEqual((name in crossing ? LINKING_GROWTH : MAX_GROWTH) * text.length)
      expect(html).not.toContain('\u0000')
    })
  }
})
