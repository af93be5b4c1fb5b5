import { describe, expect, it } from 'vitest'
import { createMarkdown, renderMarkdown } from '../../src/markdown/markdown.js'
import { findMentions } from '../../src/markdown/mentions.js'

const md = createMarkdown({ publicUrl: 'https://kiroku.example' })
const html = (text: string) => renderMarkdown(md, text)
const A = (href: string, label: string) => `<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${label}</a>`

describe('markdown as safe HTML', () => {
  it('escapes every tag and attribute the user typed', () => {
    expect(html('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')
    expect(html('<img src=x onerror="alert(1)">')).toBe('<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>')
    expect(html("Tom & Jerry's <b>show</b>")).toBe("<p>Tom &amp; Jerry's &lt;b&gt;show&lt;/b&gt;</p>")
    expect(html('<div class="x">\n\nblock\n</div>')).toBe('<p>&lt;div class=&quot;x&quot;&gt;</p>\n<p>block<br>\n&lt;/div&gt;</p>')
  })

  it('turns markdown into tags', () => {
    expect(html('**bold** and __strong__, *it* and _em_, ~~gone~~, `a<b>`')).toBe(
      '<p><strong>bold</strong> and <strong>strong</strong>, <em>it</em> and <em>em</em>, <del>gone</del>, <code>a&lt;b&gt;</code></p>',
    )
    expect(html('# Title\nline one\nline two\n\n---\n\nSecond ~!secret!~')).toBe(
      "<h1>Title</h1>\n<p>line one<br>\nline two</p>\n<hr>\n<p>Second <span class='markdown_spoiler'><span>secret</span></span></p>",
    )
    expect(html('snake_case_name and 2*3*4 stay')).toBe('<p>snake_case_name and 2<em>3</em>4 stay</p>')
    expect(html('> quoted\n\n- one\n- two')).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>')
  })

  it('links http(s) addresses only, never breaking out of the attribute', () => {
    expect(html('[my list](https://example.com/a_b_c?x=1&y=2)')).toBe(`<p>${A('https://example.com/a_b_c?x=1&amp;y=2', 'my list')}</p>`)
    expect(html('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>')
    expect(html('[x](JaVaScRiPt:alert(1)) [y](data:text/html,hi) [z](//evil.example) [w](/relative)')).toBe(
      '<p>[x](JaVaScRiPt:alert(1)) [y](data:text/html,hi) [z](//evil.example) [w](/relative)</p>',
    )
    expect(html('[x](https://e.com/"onmouseover="alert(1))')).toBe(`<p>${A('https://e.com/%22onmouseover=%22alert(1)', 'x')}</p>`)
    expect(html('<javascript:alert(1)> <https://e.com/auto>')).toBe(`<p>&lt;javascript:alert(1)&gt; ${A('https://e.com/auto', 'https://e.com/auto')}</p>`)
  })

  it('links bare http(s) URLs, and nothing without a scheme', () => {
    expect(html('see https://example.com/a, example.com or a@b.example')).toBe(`<p>see ${A('https://example.com/a', 'https://example.com/a')}, example.com or a@b.example</p>`)
  })

  it('makes no link or image of an empty destination: the text or alt text stays', () => {
    expect(html('[x]() [y](<>) ![a *b*]() [![c]()](https://e.com/)')).toBe(`<p>x [y](&lt;&gt;) a *b* ${A('https://e.com/', 'c')}</p>`)
  })

  it('renders images from http(s) addresses only', () => {
    expect(html('![cover](https://i.example/c.png) ![x](javascript:alert(1))')).toBe('<p><img src="https://i.example/c.png" alt="cover"> ![x](javascript:alert(1))</p>')
  })

  it('never emits a NUL, whatever the input holds', () => {
    const out = html('`x` \u00000\u0000 <i> ~!\u0000!~ [\u0000](https://e.com/\u0000)')
    expect(out).not.toContain('\u0000')
    expect(out).toBe(`<p><code>x</code> \uFFFD0\uFFFD &lt;i&gt; <span class='markdown_spoiler'><span>\uFFFD</span></span> ${A('https://e.com/%EF%BF%BD', '\uFFFD')}</p>`)
  })
})

describe("AniList's spoilers", () => {
  it('hold links, code and emphasis, and sit inside them', () => {
    expect(html('~![a link](https://e.com/x)!~ [`code` in a link](https://e.com/c) ~!`x`!~')).toBe(
      `<p><span class='markdown_spoiler'><span>${A('https://e.com/x', 'a link')}</span></span> ${A('https://e.com/c', '<code>code</code> in a link')} <span class='markdown_spoiler'><span><code>x</code></span></span></p>`,
    )
    expect(html('**~!bold secret!~** ~!*it* and **b**!~')).toBe(
      "<p><strong><span class='markdown_spoiler'><span>bold secret</span></span></strong> <span class='markdown_spoiler'><span><em>it</em> and <strong>b</strong></span></span></p>",
    )
  })

  it('span the lines of a paragraph, and stay text when unclosed or crossed', () => {
    expect(html('~!a\nb!~ ~!unclosed')).toBe("<p><span class='markdown_spoiler'><span>a<br>\nb</span></span> ~!unclosed</p>")
    expect(html('!~ lone ~! x')).toBe('<p>!~ lone ~! x</p>')
    // Pairs never cross: the emphasis that would straddle the spoiler stays text.
    expect(html('~!*a!~*')).toBe("<p><span class='markdown_spoiler'><span>*a</span></span>*</p>")
  })

  it('are text inside code', () => {
    expect(html('```\ncode ~!x!~\n```')).toBe('<pre><code>code ~!x!~\n</code></pre>')
    expect(html('```js markdown_spoiler" onclick="x\n<b>\n```')).toBe('<pre><code>&lt;b&gt;\n</code></pre>')
  })
})

describe("AniList's centred blocks", () => {
  it('centre one line or several, with markdown inside', () => {
    expect(html('~~~centred **text**~~~')).toBe('<center>\n<p>centred <strong>text</strong></p>\n</center>')
    expect(html('text\n~~~\nimg220(https://i.example/a.png)\nhello ~!s!~\n~~~\nafter')).toBe(
      "<p>text</p>\n<center>\n<p><img width='220' src='https://i.example/a.png' alt=''><br>\nhello <span class='markdown_spoiler'><span>s</span></span></p>\n</center>\n<p>after</p>",
    )
  })

  it('leave an unclosed ~~~ as text, never a code fence, and do not nest', () => {
    expect(html('~~~ unclosed\nnext')).toBe('<p>~~~ unclosed</p>\n<p>next</p>')
    // The first line that ends with ~~~ closes the block; inside it, ~~~ is text.
    expect(html('~~~\n~~~inner~~~\nx~~~')).toBe('<center>\n<p>~~~inner</p>\n</center>\n<p>x~~~</p>')
    expect(html('~~~\n~~~ a\n~~~')).toBe('<center>\n<p>~~~ a</p>\n</center>')
  })
})

describe("AniList's embeds", () => {
  it('render images and videos from http(s) addresses, with their width', () => {
    expect(html('img(https://i.example/a.png) img50%(https://i.example/b.png) img220(https://i.example/c.png)')).toBe(
      "<p><img width='' src='https://i.example/a.png' alt=''> <img width='50%' src='https://i.example/b.png' alt=''> <img width='220' src='https://i.example/c.png' alt=''></p>",
    )
    expect(html('webm(https://v.example/a.webm)')).toBe("<p><video muted loop controls><source src='https://v.example/a.webm' type='video/webm'></video></p>")
  })

  it('refuse other addresses and never leave the attribute', () => {
    expect(html('img(javascript:alert(1)) webm(data:video/webm,x) img220(/local.png)')).toBe('<p>img(javascript:alert(1)) webm(data:video/webm,x) img220(/local.png)</p>')
    expect(html("img(https://i.example/a.png'onerror='alert(1))")).toBe("<p>img(<a href=\"https://i.example/a.png'onerror='alert(1)\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">https://i.example/a.png'onerror='alert(1)</a>)</p>")
  })

  it('link YouTube videos by id or address', () => {
    const video = A('https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ')
    expect(html('youtube(dQw4w9WgXcQ) youtube(https://youtu.be/dQw4w9WgXcQ) youtube(https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1)')).toBe(`<p>${video} ${video} ${video}</p>`)
    expect(html('youtube(not-an-id) youtube(<x>)')).toBe('<p>youtube(not-an-id) youtube(&lt;x&gt;)</p>')
  })

  it('may sit inside a link, and only start a word', () => {
    expect(html('[img220(https://i.example/a.png)](https://link.example)')).toBe(`<p>${A('https://link.example', "<img width='220' src='https://i.example/a.png' alt=''>")}</p>`)
    expect(html('[youtube(dQw4w9WgXcQ)](https://link.example)')).toBe(`<p>${A('https://link.example', 'youtube(dQw4w9WgXcQ)')}</p>`)
    expect(html('ximg(https://x.example/y)')).toBe(`<p>ximg(${A('https://x.example/y', 'https://x.example/y')})</p>`)
  })
})

describe('centred blocks inside other blocks', () => {
  it('close inside a quote, and still close after it', () => {
    expect(html('> ~~~quoted~~~\n\n~~~\nafter\n~~~')).toBe('<blockquote>\n<center>\n<p>quoted</p>\n</center>\n</blockquote>\n<center>\n<p>after</p>\n</center>')
    // A rule ends this quote: markdown-it parses the quote with the document cut short at that line.
    expect(html('> ~~~\n> quoted\n> ~~~\n***\n~~~\nafter\n~~~')).toBe('<blockquote>\n<center>\n<p>quoted</p>\n</center>\n</blockquote>\n<hr>\n<center>\n<p>after</p>\n</center>')
    expect(html('> ~~~\n> quoted\n> ~~~\n\n~~~\nafter\n~~~')).toBe('<blockquote>\n<center>\n<p>quoted</p>\n</center>\n</blockquote>\n<center>\n<p>after</p>\n</center>')
  })
})

describe('@mentions', () => {
  const M = (name: string) => `<a href="https://kiroku.example/user/${name}">@${name}</a>`

  it('link to the profile on this server, where the social layer would notify', () => {
    expect(html('@alice hi (@Bob), **@carol** ~!@dave!~')).toBe(`<p>${M('alice')} hi (${M('Bob')}), <strong>${M('carol')}</strong> <span class='markdown_spoiler'><span>${M('dave')}</span></span></p>`)
    expect(html('> @alice\n\n- @bob')).toBe(`<blockquote>\n<p>${M('alice')}</p>\n</blockquote>\n<ul>\n<li>${M('bob')}</li>\n</ul>`)
    expect(html('~~~@alice~~~')).toBe(`<center>\n<p>${M('alice')}</p>\n</center>`)
  })

  it('are not made in e-mail addresses, inside words, for too short or too long names, or after a doubled @', () => {
    expect(html('mail a@b.example, x@yz, @a, @abcdefghijklmnopqrstu, @@carol')).toBe('<p>mail a@b.example, x@yz, @a, @abcdefghijklmnopqrstu, @@carol</p>')
  })

  it('are not made inside code, link text or addresses, nor when escaped', () => {
    expect(html('`@alice` \\@bob')).toBe('<p><code>@alice</code> @bob</p>')
    expect(html('```\n@alice\n```')).toBe('<pre><code>@alice\n</code></pre>')
    expect(html('    @alice')).toBe('<pre><code>@alice\n</code></pre>')
    expect(html('[ask @alice](https://e.com/x)')).toBe(`<p>${A('https://e.com/x', 'ask @alice')}</p>`)
    expect(html('https://e.com/@alice <https://e.com/@bob>')).toBe(`<p>${A('https://e.com/@alice', 'https://e.com/@alice')} ${A('https://e.com/@bob', 'https://e.com/@bob')}</p>`)
    expect(html('![by @alice](https://i.example/a.png)')).toBe('<p><img src="https://i.example/a.png" alt="by @alice"></p>')
  })

  it('match the names the social layer notifies', () => {
    const text = 'hi @alice, @Bob_ and @carol9 x@dave @@erin'
    const linked = [...html(text).matchAll(/>@([A-Za-z0-9]+)<\/a>/g)].map((m) => m[1])
    expect(linked).toEqual(findMentions(text))
  })
})

describe('img###(url)', () => {
  const IMG = (width: string, src: string) => `<img width='${width}' src='${src}' alt=''>`

  it('takes any width in pixels or percent', () => {
    expect(html('img420(https://i.example/a.png) img5(https://i.example/b.png) img1920(https://i.example/c.png) img12000(https://i.example/d.png) img100%(https://i.example/e.png)')).toBe(
      `<p>${IMG('420', 'https://i.example/a.png')} ${IMG('5', 'https://i.example/b.png')} ${IMG('1920', 'https://i.example/c.png')} ${IMG('12000', 'https://i.example/d.png')} ${IMG('100%', 'https://i.example/e.png')}</p>`,
    )
  })

  it("reads the names in any case, with a space before the width or the parenthesis, as AniList does", () => {
    expect(html('IMG220(https://i.example/a.png) Img 50%(https://i.example/b.png) img220 (https://i.example/c.png) img (https://i.example/d.png)')).toBe(
      `<p>${IMG('220', 'https://i.example/a.png')} ${IMG('50%', 'https://i.example/b.png')} ${IMG('220', 'https://i.example/c.png')} ${IMG('', 'https://i.example/d.png')}</p>`,
    )
    expect(html('WEBM(https://v.example/a.webm) YouTube (dQw4w9WgXcQ)')).toBe(
      `<p><video muted loop controls><source src='https://v.example/a.webm' type='video/webm'></video> ${A('https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ')}</p>`,
    )
  })

  it('is text with a width that is not a number, or an address that is not http(s)', () => {
    expect(html('img%(https://i.example/a.png)')).toBe(`<p>img%(${A('https://i.example/a.png', 'https://i.example/a.png')})</p>`)
    expect(html('img220px(https://i.example/a.png)')).toBe(`<p>img220px(${A('https://i.example/a.png', 'https://i.example/a.png')})</p>`)
    expect(html('img420(javascript:alert(1)) img50%(data:image/png,x)')).toBe('<p>img420(javascript:alert(1)) img50%(data:image/png,x)</p>')
    expect(html('img\n220(https://i.example/a.png)')).toBe(`<p>img<br>\n220(${A('https://i.example/a.png', 'https://i.example/a.png')})</p>`)
  })
})
