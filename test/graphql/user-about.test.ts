import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aboutAsHtml } from '../../src/accounts/about-html.js'
import { graphql } from '../helpers/flow.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { userWithToken } from '../helpers/users.js'
import { ask } from './media-helpers.js'

describe('about as HTML', () => {
  it('escapes every tag and attribute the user typed', () => {
    expect(aboutAsHtml('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')
    expect(aboutAsHtml('<img src=x onerror="alert(1)">')).toBe('<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>')
    expect(aboutAsHtml("Tom & Jerry's <b>show</b>")).toBe('<p>Tom &amp; Jerry&#39;s &lt;b&gt;show&lt;/b&gt;</p>')
  })

  it('turns the safe Markdown subset into tags', () => {
    expect(aboutAsHtml('**bold** and __strong__, *it* and _em_, ~~gone~~, `a<b>`')).toBe(
      '<p><strong>bold</strong> and <strong>strong</strong>, <em>it</em> and <em>em</em>, <del>gone</del>, <code>a&lt;b&gt;</code></p>',
    )
    expect(aboutAsHtml('# Title\nline one\nline two\n\n---\n\nSecond ~!secret!~')).toBe(
      '<h1>Title</h1>\n<p>line one<br>\nline two</p>\n<hr>\n<p>Second <span class="markdown_spoiler"><span>secret</span></span></p>',
    )
    expect(aboutAsHtml('snake_case_name and 2*3*4 stay')).toBe('<p>snake_case_name and 2<em>3</em>4 stay</p>')
  })

  it('links http(s) addresses only, never breaking out of the attribute', () => {
    expect(aboutAsHtml('[my list](https://example.com/a_b_c?x=1&y=2)')).toBe(
      '<p><a href="https://example.com/a_b_c?x=1&amp;y=2" rel="noopener noreferrer nofollow" target="_blank">my list</a></p>',
    )
    expect(aboutAsHtml('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>')
    expect(aboutAsHtml('[x](data:text/html,hi)')).toBe('<p>[x](data:text/html,hi)</p>')
    const attack = aboutAsHtml('[x](https://e.com/"onmouseover="alert(1))')
    expect(attack).not.toMatch(/"onmouseover/)
    expect(attack).toContain('&quot;onmouseover=&quot;')
  })

  it('never lets a NUL marker smuggle parked HTML', () => {
    expect(aboutAsHtml('`x` \u00000\u0000 <i>')).toBe('<p><code>x</code> 0 &lt;i&gt;</p>')
  })
})

describe('User.about', () => {
  let s: TestServer
  let token: string
  beforeAll(async () => {
    s = await testServer()
    ;({ token } = await userWithToken(s.app))
    await graphql(s.app, 'mutation ($about: String) { UpdateUser(about: $about) { id } }', token, { about: 'Hello **world** <script>steal()</script>' })
  })
  afterAll(async () => s.app.close())

  it('answers the Markdown as written, and with asHtml safe HTML', async () => {
    const res = await ask(s.app, 'query ($html: Boolean) { User(name: "alice") { raw: about about(asHtml: false) html: about(asHtml: $html) } }', { html: true })
    expect(res.body.data.User).toEqual({
      raw: 'Hello **world** <script>steal()</script>',
      about: 'Hello **world** <script>steal()</script>',
      html: '<p>Hello <strong>world</strong> &lt;script&gt;steal()&lt;/script&gt;</p>',
    })
    expect(res.body.data.User.html).not.toContain('<script')
  })
})
