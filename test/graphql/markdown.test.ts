/** Query.Markdown: AniList-flavoured markdown as safe HTML, for a logged-in asker, capped and charged by length. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../helpers/flow.js'
import { expectAniListError, postJson } from '../helpers/graphql.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { userWithToken } from '../helpers/users.js'
import { MAX_MARKDOWN_LENGTH } from '../../src/graphql/modules/markdown/resolvers.js'

const MARKDOWN = 'query ($markdown: String!) { Markdown(markdown: $markdown) { html } }'

describe('Query.Markdown', () => {
  let s: TestServer
  let token: string
  beforeAll(async () => {
    s = await testServer()
    ;({ token } = await userWithToken(s.app))
  })
  afterAll(async () => s.app.close())

  it("renders AniList's flavour as the server renders abouts, with mentions under the public URL", async () => {
    const markdown = '~~~img420(https://i.example/a.png)~~~\nHi @alice, ~!secret!~ <script>alert(1)</script> [x](javascript:alert(1))'
    const res = await graphql(s.app, MARKDOWN, token, { markdown })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      data: {
        Markdown: {
          html:
            "<center>\n<p><img width='420' src='https://i.example/a.png' alt=''></p>\n</center>\n" +
            '<p>Hi <a href="http://kiroku.test/user/alice">@alice</a>, <span class=\'markdown_spoiler\'><span>secret</span></span> &lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</p>',
        },
      },
    })
  })

  it('answers the same HTML as User.about(asHtml) for the same text', async () => {
    const about = '**Hello** @bob, youtube(dQw4w9WgXcQ) `code`'
    await graphql(s.app, 'mutation ($about: String) { UpdateUser(about: $about) { id } }', token, { about })
    const res = await graphql(s.app, '{ Viewer { about(asHtml: true) } Markdown(markdown: "**Hello** @bob, youtube(dQw4w9WgXcQ) `code`") { html } }', token)
    expect(res.body.data.Markdown.html).toBe(res.body.data.Viewer.about)
    expect(res.body.data.Markdown.html).toContain('<a href="http://kiroku.test/user/bob">@bob</a>')
  })

  it('answers an empty text as empty HTML', async () => {
    const res = await graphql(s.app, MARKDOWN, token, { markdown: '' })
    expect(res.body.data.Markdown).toEqual({ html: '' })
  })

  it('needs a token, as AniList says', async () => {
    const body = expectAniListError(await postJson(s.app, { query: MARKDOWN, variables: { markdown: 'hi' } }), 401, 'Unauthorized.')
    expect(body.data).toEqual({ Markdown: null })
  })

  it(`refuses more than ${MAX_MARKDOWN_LENGTH} characters with AniList's validation error, and renders exactly that many`, async () => {
    const refused = await postJson(s.app, { query: MARKDOWN, variables: { markdown: 'a'.repeat(MAX_MARKDOWN_LENGTH + 1) } }, { headers: { authorization: `Bearer ${token}` } })
    const body = expectAniListError(refused, 400, 'validation')
    expect(body.errors[0]).toMatchObject({ validation: { markdown: [`The markdown may not be greater than ${MAX_MARKDOWN_LENGTH} characters.`] } })
    const res = await graphql(s.app, MARKDOWN, token, { markdown: 'b'.repeat(MAX_MARKDOWN_LENGTH) })
    expect(res.status).toBe(200)
    expect(res.body.data.Markdown.html).toBe(`<p>${'b'.repeat(MAX_MARKDOWN_LENGTH)}</p>`)
  })

  it('refuses a value that is not a string, and a NUL, with a 400 and never a 5xx', async () => {
    for (const markdown of [42, null, ['a'], { a: 1 }, true]) {
      const res = await graphql(s.app, MARKDOWN, token, { markdown })
      expect(res.status).toBe(400)
    }
    expect((await graphql(s.app, MARKDOWN, token, { markdown: 'a\u0000b' })).status).toBe(400)
    expect((await graphql(s.app, '{ Markdown { html } }', token)).status).toBe(400)
  })
})

describe('Query.Markdown, charged to the render budget', () => {
  const BUDGET = 10_000
  let s: TestServer
  let token: string
  beforeAll(async () => {
    s = await testServer({ maxRenderedChars: BUDGET, maxRootFields: 0, maxAliases: 0 })
    ;({ token } = await userWithToken(s.app))
  })
  afterAll(async () => s.app.close())

  it('renders texts until the budget is spent, then answers 400 for each further one; the same text again costs nothing', async () => {
    const text = (i: number) => `${i} ${'_a ~!b *c @dd '.repeat(300)}`.slice(0, 3000)
    const fields = [0, 1, 2, 3, 4].map((i) => `m${i}: Markdown(markdown: "${text(i)}") { html }`).join(' ')
    const res = await graphql(s.app, `{ ${fields} again: Markdown(markdown: "${text(0)}") { html } }`, token)
    expect(res.status).toBe(400)
    const rendered = ['m0', 'm1', 'm2', 'm3', 'm4', 'again'].filter((k) => res.body.data[k] !== null)
    // 3 × 3000 characters fit in 10,000; the fourth and fifth texts do not; the repeat is cached.
    expect(rendered).toEqual(['m0', 'm1', 'm2', 'again'])
    expect(res.body.errors).toHaveLength(2)
    for (const error of res.body.errors) expect(error).toMatchObject({ status: 400, message: expect.stringMatching(/^Too much text to render as HTML in one request/) })
  })
})
