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

const md = createMarkdown({ publicUrl: 'https://kiroku.example' })
const markdown = (text: string) => renderMarkdown(md, text)

const HOSTILE: Record<string, string> = {
  // Tags and event handlers typed as HTML.
  'script tag': '<script>alert(1)</script>',
  'script tag, upper case, with a source': '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  'script split by a script': '<scr<script>ipt>alert(1)</scr</script>ipt>',
  'script behind a doubled bracket': '<<script>script>alert(1)<</script>/script>',
  'img onerror': '<img src=x onerror=alert(1)>',
  'img onerror, quoted, no spaces': '<img/src="x"/onerror="alert(1)">',
  'svg onload': '<svg onload=alert(1)>',
  'svg slash onload': '<svg/onload=alert(1)//',
  'svg script': '<svg><script>alert(1)</script></svg>',
  'svg link': '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  'mathml link': '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  'iframe': '<iframe src="javascript:alert(1)"></iframe>',
  'iframe srcdoc': '<iframe srcdoc="<script>alert(1)</script>">',
  'object': '<object data="javascript:alert(1)"></object>',
  'embed': '<embed src="javascript:alert(1)">',
  'form action': '<form action="javascript:alert(1)"><button>x</button></form>',
  'button formaction': '<button formaction="javascript:alert(1)">x</button>',
  'base href': '<base href="javascript:/">',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  'link stylesheet': '<link rel=stylesheet href=javascript:alert(1)>',
  'details ontoggle': '<details open ontoggle=alert(1)>',
  'body onload': '<body onload=alert(1)>',
  'anchor with a handler': '<a href="https://e.com/" onclick="alert(1)">x</a>',
  'noscript breakout': '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  'comment': '<!-- <script>alert(1)</script> -->',
  'CDATA': '<![CDATA[<script>alert(1)</script>]]>',
  'processing instruction': '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>',
  'HTML block': '<div>\n<script>alert(1)</script>\n</div>',
  'textarea breakout': '</textarea><script>alert(1)</script>',
  'title breakout': '</title><script>alert(1)</script>',
  // CSS.
  'style expression': '<p style="width: expression(alert(1))">x</p>',
  'style tag': '<style>body{background:expression(alert(1))}</style>',
  'style url': '<div style="background:url(javascript:alert(1))">x</div>',
  'style import after a link': "[x](https://e.com/)<style>@import 'javascript:alert(1)';</style>",
  'behavior in a link title': "[x](https://e.com/ 'x\" style=\"behavior:url(x.htc)')",
  // Links.
  'javascript link': '[x](javascript:alert(1))',
  'mixed-case javascript link': '[x](JaVaScRiPt:alert(1))',
  'decimal-entity javascript link': '[x](&#106;avascript:alert(1))',
  'hex-entity javascript link': '[x](&#x6A;&#x61;&#x76;&#x61;script:alert(1))',
  'named-entity colon': '[x](javascript&colon;alert(1))',
  'tab inside the scheme': '[x](java&#x09;script:alert(1))',
  'newline inside the scheme': '[x](java&#10;script:alert(1))',
  'leading spaces': '[x](   javascript:alert(1))',
  'destination in brackets': '[x](<javascript:alert(1)>)',
  'destination on the next line': '[x](\njavascript:alert(1))',
  'vbscript link': '[x](vbscript:msgbox(1))',
  'data link': '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  'file link': '[x](file:///etc/passwd)',
  'protocol-relative link': '[x](//evil.example/)',
  'fullwidth javascript': '[x](ｊavascript:alert(1))',
  'quotes in the address': '[x](https://e.com/"onmouseover="alert(1))',
  'quotes in the title': '[x](https://e.com/ "t\\" onmouseover=\\"alert(1)")',
  'reference to javascript': '[x][ref]\n\n[ref]: javascript:alert(1)',
  'reference with a hostile title': "[x][ref]\n\n[ref]: https://e.com/ 'a\" onclick=\"b'",
  'HTML inside link text': '[<img src=x onerror=alert(1)>](https://e.com/)',
  'autolink to javascript': '<javascript:alert(1)>',
  'autolink with quotes': '<https://e.com/"onclick="alert(1)>',
  'bare URL with quotes': 'https://e.com/"onmouseover="alert(1)',
  'bare URL with a tag': 'https://e.com/<script>alert(1)</script>',
  'bare javascript URL': 'javascript:alert(1)//https://e.com/',
  'query with a tag': '[x](https://e.com/?a=<script>)',
  // Images.
  'javascript image': '![x](javascript:alert(1))',
  'data image': '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  'alt breaking its attribute': '![x" onerror="alert(1)](https://i.example/a.png)',
  'alt breaking single quotes': "![a' onerror='alert(1)](https://i.example/a.png)",
  'image address breaking its attribute': '![x](https://i.example/a.png"onerror="alert(1))',
  // AniList's embeds.
  'img() javascript': 'img(javascript:alert(1))',
  'img###() javascript, upper case': 'IMG220(JAVASCRIPT:alert(1))',
  'img###() with single quotes': "img220(https://i.example/a.png'onerror='alert(1))",
  'img###() with double quotes': 'img220("onerror="alert(1))',
  'img###() with a closing bracket': 'img50%(https://i.example/a.png"><script>alert(1)</script>)',
  'img() with an SVG': 'img(https://i.example/a.png><svg/onload=alert(1)>)',
  'img###() with spaces and a data URL': 'img 220 (data:image/svg+xml,<svg onload=alert(1)>)',
  'img###() protocol-relative': 'img220(//evil.example/a.png)',
  'img###() with an entity-encoded scheme': 'img220(&#106;avascript:alert(1))',
  'img###() with a backtick': 'img220(https://i.example/a.png`onerror=alert(1))',
  'img() width injection': "img220' onerror='alert(1)(https://i.example/a.png)",
  'webm() javascript': 'webm(javascript:alert(1))',
  'webm() with single quotes and a tag': "webm(https://v.example/a.webm'><script>alert(1)</script>)",
  'webm() with double quotes': 'webm(https://v.example/a.webm" onerror="alert(1))',
  'webm() data URL': 'webm(data:video/webm;base64,AAAA)',
  'youtube() javascript': 'youtube(javascript:alert(1))',
  'youtube() with a tag': 'youtube("><script>alert(1)</script>)',
  'youtube() id with quotes': 'youtube(dQw4w9WgXcQ" onload="alert(1))',
  'youtube() URL with quotes': "youtube(https://www.youtube.com/watch?v=dQw4w9WgXcQ'onmouseover='alert(1))",
  'youtube() on another host': 'youtube(https://evil.example/watch?v=dQw4w9WgXcQ)',
  // Spoilers and centring around HTML.
  'script in a spoiler': '~!<script>alert(1)</script>!~',
  'centring in a spoiler': '~!~~~<img src=x onerror=alert(1)>~~~!~',
  'spoiler in centring': '~~~~!<b onclick=alert(1)>x</b>!~~~~',
  'crossed spoiler and centring': '~~~\n~!~~~\n<script>\n~~~!~\n~~~',
  'nested spoilers with a link': '~!~!~![x](javascript:alert(1))!~!~!~',
  'spoiler class injection': "~!x!~' onclick='alert(1)",
  'fence info with quotes': '```js" onclick="alert(1)\n<b>\n```',
  'inline code with a tag': '`<script>alert(1)</script>`',
  // Mentions.
  'mention with quotes': '@alice"onclick="alert(1)',
  'mention with single quotes': "@alice'onmouseover='alert(1)",
  'mention of a tag': '@<script>alert(1)</script>',
  'mention before a tag': '@alice<img src=x onerror=alert(1)>',
  'mention as link text to javascript': '[@alice](javascript:alert(1))',
  'quote as a name': "@'onmouseover='alert(1)",
  // NUL and unclosed markup.
  'NUL inside a tag name': '<scr\u0000ipt>alert(1)</scr\u0000ipt>',
  'NUL inside a scheme': '[x](java\u0000script:alert(1))',
  'NUL in an embed': 'img(https://i.example/\u0000"onerror=alert(1))',
  'NUL in a mention': '@al\u0000ice',
  'unclosed anchor': '<a href="https://e.com/',
  'unclosed img tag': '<img src="https://i.example/a.png',
  'unclosed link': '[x](https://e.com/',
  'unclosed spoiler with a tag': '~!unclosed <b>',
  'unclosed centring with a tag': '~~~ unclosed <i>',
  'unclosed emphasis around HTML': '**<i onclick=x>',
  // Entities and other characters.
  'entity-encoded tags': '&lt;script&gt;alert(1)&lt;/script&gt;',
  'numeric-entity tags': '&#60;script&#62;alert(1)&#60;/script&#62;',
  'bidi override': '\u202e<script>alert(1)</script>',
  'line separator in a scheme': '[x](javascript\u2028:alert(1))',
  'heading with a tag': '# <script>alert(1)</script>',
  'quote with a tag': '> <img src=x onerror=alert(1)>',
  'list of hostile items': '- [x](javascript:alert(1))\n- <svg onload=alert(1)>',
  'ordered list start': '1. x\n\n<ol start="1 onclick=alert(1)">',
}

// The markup that changes how the input is parsed: each input is tried in each.
const CONTEXTS: Record<string, (text: string) => string> = {
  'alone': (t) => t,
  'in a spoiler': (t) => `~!${t}!~`,
  'centred': (t) => `~~~${t}~~~`,
  'centred on lines of its own': (t) => `~~~\n${t}\n~~~`,
  'quoted': (t) => `> ${t}`,
  'listed': (t) => `- ${t}`,
  'as link text': (t) => `[${t}](https://e.com/)`,
  'emphasised': (t) => `**${t}**`,
  'as a heading': (t) => `## ${t}`,
  'after a mention': (t) => `@alice ${t}`,
}

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
