import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { fixtureMedia } from '../helpers/catalog.js'
import { graphql } from '../helpers/flow.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { ask } from './media-helpers.js'

// Stored straight into the catalog, as a row written before imports were vetted (or by `kiroku copy`
// from another installation) would be: rendering must not trust the import to have cleaned it.
const UNVETTED = 'Plain <img src=x onerror="alert(1)"> and <a href="javascript:alert(1)">a link</a><br>~!twist!~ <i>aside</i>'

describe('Media.description as HTML', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await testServer({ maxRenderedChars: 1000 })
    const [base] = fixtureMedia()
    await upsertMedia(s.app.kiroku.db, s.clock, [
      { ...base!, id: 910001, idMal: null, description: UNVETTED },
      { ...base!, id: 910002, idMal: null, description: 'x'.repeat(1500) },
    ])
  })
  afterAll(async () => s.app.close())

  it('keeps only vetted tags, even when the stored text holds others', async () => {
    const res = await ask(s.app, '{ Media(id: 910001) { description(asHtml: true) } }')
    expect(res.body.data.Media.description).toBe("Plain  and a link<br><span class='markdown_spoiler'><span>twist</span></span> <i>aside</i>")
  })

  it('charges descriptions to the request\'s budget of rendered characters', async () => {
    const res = await graphql(s.app, '{ Media(id: 910002) { description(asHtml: true) } }')
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ status: 400, message: 'Too much text to render as HTML in one request: at most 1000 characters. Ask for fewer fields with asHtml: true.' })
    expect(res.body.data.Media.description).toBeNull()
  })
})
