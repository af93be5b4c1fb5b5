/**
 * Inputs that make backtracking renderers quadratic (unclosed delimiters, deep nesting, long runs),
 * at 60 KB: each renders, holds no NUL, and its HTML stays within a small multiple of its length.
 * How the time grows with the length is measured by bench/markdown.mjs (no timings in tests).
 */
import { describe, expect, it } from 'vitest'
import { createMarkdown, renderMarkdown } from '../../src/markdown/markdown.js'
import { descriptionToHtml } from '../../src/markdown/description-html.js'

const SIZE = 60 * 1024
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE)
// `"` and `&` are the only characters whose escape is longer than five: none of these inputs has `"`.
const MAX_GROWTH = 8

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

describe('pathological markdown', () => {
  const md = createMarkdown({ publicUrl: 'https://kiroku.example' })
  for (const [name, text] of Object.entries(MARKDOWN_INPUTS)) {
    it(`renders 60 KB of ${name} into bounded HTML`, () => {
      const html = renderMarkdown(md, text)
      expect(html.length).toBeGreaterThan(0)
      expect(html.length).toBeLessThanOrEqual(MAX_GROWTH * text.length)
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
  }
  for (const [name, text] of Object.entries(inputs)) {
    it(`renders 60 KB of ${name} into bounded HTML`, () => {
      const html = descriptionToHtml(text)
      expect(html.length).toBeGreaterThan(0)
      expect(html.length).toBeLessThanOrEqual(MAX_GROWTH * text.length)
      expect(html).not.toContain('\u0000')
    })
  }
})
