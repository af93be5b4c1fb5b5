import { describe, expect, it } from 'vitest'
import { sanitizeDescription } from '../../src/markdown/description-tags.js'
import { descriptionToHtml } from '../../src/markdown/description-html.js'
import { balanceTags } from '../../src/markdown/balance-tags.js'

describe('description tags', () => {
  it('keeps only harmless tags, without attributes', () => {
    expect(sanitizeDescription('A <b>bold</b> <I class="x">move</I><br/>next<br>')).toBe('A <b>bold</b> <i>move</i><br>next<br>')
    expect(sanitizeDescription('<script>alert(1)</script><a href="javascript:x" onclick="y">link</a>')).toBe('alert(1)link')
    expect(sanitizeDescription('1 < 2 and 3 > 2 <img src=x onerror=alert(1)>')).toBe('1 &lt; 2 and 3 &gt; 2 ')
    expect(sanitizeDescription('</br>')).toBe('')
  })

  it('leaves vetted text as it is', () => {
    const vetted = sanitizeDescription('A <b>bold</b> <img src=x> 1 < 2<br>')
    expect(sanitizeDescription(vetted)).toBe(vetted)
  })
})

describe('descriptions as HTML', () => {
  it("turns AniList's markdown and bare line breaks into HTML", () => {
    expect(descriptionToHtml('__Hero__ wins.\n~!He was dead!~')).toBe("<b>Hero</b> wins.<br>\n<span class='markdown_spoiler'><span>He was dead</span></span>")
    expect(descriptionToHtml('one<br>\ntwo')).toBe('one<br>\ntwo')
    expect(descriptionToHtml('1. *Not* markdown ~!a!~ ~!b!~ ~!open')).toBe("1. *Not* markdown <span class='markdown_spoiler'><span>a</span></span> <span class='markdown_spoiler'><span>b</span></span> ~!open")
  })

  it('vets tags again, and replaces NUL', () => {
    expect(descriptionToHtml('<img src=x onerror="alert(1)">x\u0000<i>y</i>')).toBe('x\uFFFD<i>y</i>')
  })
})

describe('balanced description tags', () => {
  it('closes what the text left open, and drops closing tags that match nothing', () => {
    expect(descriptionToHtml('A <b>bold start')).toBe('A <b>bold start</b>')
    expect(descriptionToHtml('stray</p> </i>end')).toBe('stray end')
    expect(descriptionToHtml('~!unclosed <b>')).toBe('~!unclosed <b></b>')
  })

  it('keeps a spoiler hidden when a tag crosses it, closing and reopening as a browser would', () => {
    expect(descriptionToHtml('<b>~!x</b>y!~')).toBe("<b><span class='markdown_spoiler'><span>x</span></span></b><span class='markdown_spoiler'><span>y</span></span>")
    expect(balanceTags('<i><b>x</i>y</b>')).toBe('<i><b>x</b></i><b>y</b>')
  })

  it('opens at most 20 elements at once, dropping deeper ones', () => {
    const html = balanceTags('<b>'.repeat(25) + 'x' + '</b>'.repeat(25))
    expect(html).toBe('<b>'.repeat(20) + 'x' + '</b>'.repeat(20))
    expect(balanceTags('a<br>b</br>')).toBe('a<br>b')
  })
})
