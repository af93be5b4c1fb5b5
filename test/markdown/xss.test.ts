/**
 * Hostile inputs for both renderers (users' markdown, media descriptions). Each output is read by
 * safe-html.ts, which reads it as a browser would but more strictly: only the renderers' own tags and
 * attributes, every value quoted, every address an absolute http(s) URL after its character
 * references are decoded, every element closed. So no <script>, no event handler, no javascript:,
 * vbscript: or data: address, no style and no unknown tag can be in what passes. Each input is also
 * tried inside the markup that changes how it is parsed (spoilers, centring, quotes, lists, link text,
 * emphasis, headings), and random mixes of the same pieces are checked as a property.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createMarkdown, renderMarkdown } from '../../src/markdown/markdown.js'
import { descriptionToHtml } from '../../src/markdown/description-html.js'
import { FUZZ_SEED, runsFor } from '../fuzz/support/settings.js'
import { htmlProblems } from './safe-html.js'
import { CONTEXTS, HOSTILE } from './hostile-inputs.js'

const md = createMarkdown({ publicUrl: 'https://kiroku.example' })
const markdown = (text: string) => renderMarkdown(md, text)

describe('hostile markdown', () => {
  it(`has at least 60 inputs (${Object.keys(HOSTILE).length})`, () => {
    expect(Object.keys(HOSTILE).length).toBeGreaterThanOrEqual(60)
  })

  for (const [name, input] of Object.entries(HOSTILE)) {
    it(`renders ${name} as safe HTML, in every context`, () => {
      for (const [where, wrap] of Object.entries(CONTEXTS)) {
        const html = markdown(wrap(input))
        expect(htmlProblems(html), `${where}: ${JSON.stringify(html)}`).toEqual([])
        expect(html).not.toMatch(/<script|<svg|<iframe|<style|<object|<embed/i)
      }
    })
  }

  it('keeps the safe parts that surround the hostile ones', () => {
    expect(markdown('~!**<script>x</script>**!~')).toBe("<p><span class='markdown_spoiler'><span><strong>&lt;script&gt;x&lt;/script&gt;</strong></span></span></p>")
    expect(markdown('@alice"onclick="x')).toBe('<p><a href="https://kiroku.example/user/alice">@alice</a>&quot;onclick=&quot;x</p>')
    expect(markdown("img220(https://i.example/a.png'onerror='x)")).toBe(
      `<p>img220(<a href="https://i.example/a.png'onerror='x" rel="noopener noreferrer nofollow" target="_blank">https://i.example/a.png'onerror='x</a>)</p>`,
    )
  })
})

describe('hostile descriptions', () => {
  for (const [name, input] of Object.entries(HOSTILE)) {
    it(`renders ${name} as safe HTML`, () => {
      const html = descriptionToHtml(input)
      expect(htmlProblems(html), JSON.stringify(html)).toEqual([])
    })
  }
})

describe('random mixes of hostile pieces', () => {
  const PIECES = [
    '<', '>', '"', "'", '`', '&', '&#', ';', '(', ')', '[', ']', '!', '~', '*', '_', '@', '\\', '\n', '\n\n', ' ', '\u0000',
    '<script>', '</script>', '<img src=x onerror=alert(1)>', 'onerror=', 'javascript:', 'JaVaScRiPt:', 'vbscript:', 'data:', '&#106;', '&colon;',
    'https://e.com/', 'https://i.example/a.png', '//evil.example', '~!', '!~', '~~~', '```', '> ', '- ', '# ',
    'img(', 'img220(', 'IMG50%(', 'img 4 (', 'webm(', 'youtube(', 'dQw4w9WgXcQ', '@alice', '@', '[x](', '](', '![', '<https://', 'alert(1)',
  ]
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''))

  it('always render as safe HTML, in both flavours', () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(htmlProblems(markdown(input)), JSON.stringify(input)).toEqual([])
        expect(htmlProblems(descriptionToHtml(input)), JSON.stringify(input)).toEqual([])
      }),
      { seed: FUZZ_SEED, numRuns: runsFor(2000) },
    )
  })
})

describe('the safe-HTML reader', () => {
  // The suite is only as good as its reader: each of these must be caught.
  const UNSAFE: Record<string, string> = {
    'a script': '<script>alert(1)</script>',
    'an unknown tag': '<p><marquee>x</marquee></p>',
    'an event handler': '<img src="https://i.example/a.png" onerror="alert(1)">',
    'a javascript link': '<a href="javascript:alert(1)">x</a>',
    'an entity-encoded javascript link': '<a href="&#106;avascript:alert(1)">x</a>',
    'a named reference it will not guess': '<a href="https://e.com/&colon;">x</a>',
    'a data image': "<img width='' src='data:image/png,x' alt=''>",
    'an unquoted attribute': '<img src=https://i.example/a.png>',
    'a stray bracket': '<p>a < b</p>',
    'an unclosed element': '<p><strong>x</p>',
    'a style': '<p style="color:red">x</p>',
    'a class of its own': '<span class="x">y</span>',
    'an upper-case tag': '<P>x</P>',
    'a NUL': '<p>\u0000</p>',
  }
  for (const [name, html] of Object.entries(UNSAFE)) {
    it(`catches ${name}`, () => {
      expect(htmlProblems(html)).not.toEqual([])
    })
  }

  it("accepts the renderers' own markup", () => {
    const html = markdown('# t\n\n**b** _i_ ~~d~~ `c` ~!s!~ [l](https://e.com/ "t") ![a](https://i.example/a.png) img50%(https://i.example/b.png) webm(https://v.example/a.webm) youtube(dQw4w9WgXcQ) @alice\n\n> q\n\n1. o\n\n- u\n\n---\n\n~~~c~~~\n\n```\nx\n```')
    expect(htmlProblems(html)).toEqual([])
    expect(htmlProblems(descriptionToHtml('<b>b</b> <i>i</i><br>\n~!s!~ __u__ <p>p</p>'))).toEqual([])
  })
})
