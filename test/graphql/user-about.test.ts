import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateProfile } from '../../src/accounts/profiles.js'
import { ConfigError, loadConfig } from '../../src/app/config.js'
import { graphql } from '../helpers/flow.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { insertUsers, userWithToken } from '../helpers/users.js'
import { ask } from './media-helpers.js'

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

describe('User.about as HTML, nested', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await testServer()
    const [id] = await insertUsers(s.app, ['nested'])
    await updateProfile(s.app.kiroku.db, s.clock, id!, { about: '~![a link](https://e.com/x)!~ [`code` in a link](https://e.com/c) ~!`x`!~' })
  })
  afterAll(async () => s.app.close())

  it('renders links and code inside spoilers and links, and never a NUL', async () => {
    const res = await ask(s.app, '{ User(name: "nested") { about(asHtml: true) } }')
    const html: string = res.body.data.User.about
    expect(html).not.toContain('\u0000')
    expect(html).toBe(
      "<p><span class='markdown_spoiler'><span><a href=\"https://e.com/x\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">a link</a></span></span>" +
        ' <a href="https://e.com/c" rel="noopener noreferrer nofollow" target="_blank"><code>code</code> in a link</a>' +
        " <span class='markdown_spoiler'><span><code>x</code></span></span></p>",
    )
  })
})

describe('User.about as HTML, charged by length', () => {
  const BUDGET = 10_000
  const ABOUT_LENGTH = 3000
  let s: TestServer
  beforeAll(async () => {
    // The alias limits are lifted so that one request can ask for the same about 400 times, as the probe did.
    s = await testServer({ maxRenderedChars: BUDGET, maxRootFields: 0, maxAliases: 0 })
    const ids = await insertUsers(s.app, ['first', 'second', 'third', 'fourth', 'fifth'])
    // Five different texts (the same text is rendered once), each built to be hard on a renderer.
    for (const [i, id] of ids.entries()) await updateProfile(s.app.kiroku.db, s.clock, id, { about: `${i} ${'_a ~!b *c '.repeat(ABOUT_LENGTH / 10)}`.slice(0, ABOUT_LENGTH) })
  })
  afterAll(async () => s.app.close())

  it('answers a 400 in AniList\'s shape once a request has rendered its budget of characters', async () => {
    const res = await graphql(s.app, '{ Page(perPage: 10) { users(sort: ID) { name about(asHtml: true) } } }')
    expect(res.status).toBe(400)
    const abouts: Array<string | null> = res.body.data.Page.users.map((u: { about: string | null }) => u.about)
    expect(abouts).toHaveLength(5)
    // 3 × 3000 characters fit in 10,000; the fourth and fifth texts do not.
    expect(abouts.filter((a) => a !== null)).toHaveLength(3)
    expect(res.body.errors).toHaveLength(2)
    for (const error of res.body.errors) {
      expect(error).toMatchObject({ status: 400, message: `Too much text to render as HTML in one request: at most ${BUDGET} characters. Ask for fewer fields with asHtml: true.` })
    }
  })

  it('still answers the raw text past the budget', async () => {
    const res = await graphql(s.app, '{ Page(perPage: 10) { users(sort: ID) { about } } }')
    expect(res.status).toBe(200)
    expect(res.body.data.Page.users.every((u: { about: string }) => u.about.length === ABOUT_LENGTH)).toBe(true)
  })

  it('renders a text once, so 400 aliases of one about stay within the budget', async () => {
    // A fragment keeps the document within the parser's token limit.
    const query = `{ ${Array.from({ length: 400 }, (_, i) => `a${i}: User(name: "first") { ...f }`).join(' ')} } fragment f on User { about(asHtml: true) }`
    const res = await graphql(s.app, query)
    expect(res.body.errors).toBeUndefined()
    const answers = new Set(Object.values(res.body.data as Record<string, { about: string }>).map((u) => u.about))
    expect(answers.size).toBe(1)
    expect([...answers][0]).toMatch(/^<p>0 /)
  })
})

describe('MAX_RENDERED_CHARS', () => {
  it('defaults to 100000, takes 0 for no limit, and refuses anything but a whole number', () => {
    expect(loadConfig({}, {}).maxRenderedChars).toBe(100_000)
    expect(loadConfig({}, { MAX_RENDERED_CHARS: '0' }).maxRenderedChars).toBe(0)
    expect(loadConfig({}, { MAX_RENDERED_CHARS: '5000' }).maxRenderedChars).toBe(5000)
    expect(() => loadConfig({}, { MAX_RENDERED_CHARS: 'lots' })).toThrow(ConfigError)
    expect(() => loadConfig({}, { MAX_RENDERED_CHARS: '-1' })).toThrow(/MAX_RENDERED_CHARS/)
  })
})
